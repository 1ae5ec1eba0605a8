// Every text that reaches a map is text, never markup. Leaflet writes a tooltip's or a popup's
// string content as HTML (innerHTML), so a place named "<b>x</b>" would become an element. This
// script, loaded after leaflet.js and before any map script (components/leaflet_scripts.html),
// makes every tooltip and popup of every map take its content as a text node: a string, a
// number, or what a content function returns. An element given on purpose is kept as it is.
(function () {
  "use strict";
  if (typeof L === "undefined" || !L.DivOverlay) {
    return;
  }

  function asText(content) {
    if (typeof content === "function") {
      return function (layer) {
        return asText(content(layer));
      };
    }
    if (content instanceof Node) {
      return content;
    }
    return document.createTextNode(content === null || content === undefined ? "" : String(content));
  }

  var setContent = L.DivOverlay.prototype.setContent;
  L.DivOverlay.include({
    setContent: function (content) {
      return setContent.call(this, asText(content));
    },
  });
  // A tooltip or popup made with { content: ... } takes it without setContent.
  L.DivOverlay.addInitHook(function () {
    if (this._content !== undefined && this._content !== null) {
      this._content = asText(this._content);
    }
  });
})();
