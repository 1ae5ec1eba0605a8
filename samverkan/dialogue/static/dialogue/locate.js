// Progressive enhancement of the finding form: a button that fills the point from the phone's
// position. The form works without it (the latitude and longitude are typed).
(function () {
  "use strict";
  var box = document.querySelector("[data-locate]");
  if (!box || !("geolocation" in navigator)) {
    return;
  }
  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  var status = document.createElement("p");
  status.className = "help";
  status.setAttribute("role", "status");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button secondary";
  button.textContent = box.getAttribute("data-locate");
  button.addEventListener("click", function () {
    status.textContent = box.getAttribute("data-locating");
    navigator.geolocation.getCurrentPosition(
      function (position) {
        latitude.value = position.coords.latitude.toFixed(6);
        longitude.value = position.coords.longitude.toFixed(6);
        status.textContent = box.getAttribute("data-located");
      },
      function () {
        status.textContent = box.getAttribute("data-failed");
      },
      { enableHighAccuracy: true, timeout: 15000 }
    );
  });
  box.appendChild(button);
  box.appendChild(status);
})();
