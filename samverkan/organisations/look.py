"""The council's own look: what a logo, a colour and a Word template must be before they are
kept (docs/design/council-look.md).

- A PNG logo is opened with Pillow after its header's pixels are checked
  (core/upload_limits.py), and saved again, so nothing but the picture is kept.
- An SVG logo is parsed with defusedxml (no entities, no DTD) and cleaned: scripts, foreign
  objects, event attributes (`on…`), style sheets and every reference outside the file are
  removed; its declared size is held to the pixel limit.
- The main colour carries white text (the public header's band): its contrast with white must
  reach WCAG 2.1 AA for normal text, 4.5:1.
- A Word template (.docx or .dotx) is checked as a ZIP before it is opened, then opened with
  python-docx; a .dotx is kept as a .docx (core/documents.py `docx_from_template`).

Each check raises `LookRefused` with its message in the active language.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from typing import Final
from xml.etree.ElementTree import (  # noqa: S405 (serialises only; parsing is defusedxml's)
    Element,
    register_namespace,
    tostring,
)

from django.utils.translation import gettext
from django.utils.translation import gettext as _

from samverkan.core import upload_limits
from samverkan.core.documents import docx_from_template

LOGO_MAX_BYTES: Final = 512 * 1024
TEMPLATE_MAX_BYTES: Final = 5 * 1024 * 1024
TEXT_COLOUR: Final = "#ffffff"
AA_CONTRAST: Final = 4.5

_COLOUR = re.compile(r"#?([0-9a-fA-F]{6})")
_SVG_NS: Final = "http://www.w3.org/2000/svg"
_XLINK_NS: Final = "http://www.w3.org/1999/xlink"
# Elements an SVG logo never needs and that can run code, load or embed something else.
_REMOVED: Final = frozenset(
    {
        "script",
        "foreignObject",
        "style",
        "iframe",
        "embed",
        "object",
        "audio",
        "video",
        "image",
        "use",
        "animate",
        "set",
        "animateMotion",
        "animateTransform",
        "handler",
        "listener",
    }
)
_NUMBER = re.compile(r"(\d{1,9}(?:\.\d{1,9})?)(?:px)?")


class LookRefused(Exception):  # noqa: N818 (a refusal, like the importers' ImportRejected)
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class CheckedLogo:
    data: bytes
    content_type: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def checked_colour(value: str) -> str:
    """The colour as #rrggbb in lower case, or "" for none; refused when white text on it
    does not reach AA."""
    value = value.strip()
    if not value:
        return ""
    match = _COLOUR.fullmatch(value)
    if not match:
        raise LookRefused(_("Give the colour as six hexadecimal digits, such as #1a5276."))
    colour = "#" + match.group(1).lower()
    ratio = contrast(colour, TEXT_COLOUR)
    if ratio < AA_CONTRAST:
        raise LookRefused(
            _(
                "White text on %(colour)s has a contrast of %(ratio).1f:1; WCAG AA needs at "
                "least 4.5:1. Choose a darker colour."
            )
            % {"colour": colour, "ratio": ratio}
        )
    return colour


def checked_logo(data: bytes, filename: str) -> CheckedLogo:
    if len(data) > LOGO_MAX_BYTES:
        raise LookRefused(_("The logo may be at most 512 KB."))
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return CheckedLogo(_checked_png(data), "image/png")
    if filename.lower().endswith(".svg") or b"<svg" in data[:4096]:
        return CheckedLogo(_checked_svg(data), "image/svg+xml")
    raise LookRefused(_("The logo must be a PNG or an SVG file."))


def _checked_png(data: bytes) -> bytes:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            upload_limits.check_pixels(image.width, image.height)
            if image.format != "PNG":
                raise LookRefused(_("The logo must be a PNG or an SVG file."))
            image.load()
            out = io.BytesIO()
            # Saved again: only the picture is kept, none of the file's text chunks.
            image.save(out, format="PNG")
    except upload_limits.UnpackRefused as exc:
        raise LookRefused(_("The logo has too many pixels.")) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise LookRefused(_("The logo could not be read as a picture.")) from exc
    return out.getvalue()


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _outside_reference(value: str) -> bool:
    """A reference to anything outside the SVG itself (a fragment "#id" stays)."""
    lowered = value.replace(" ", "").lower()
    if "url(" in lowered:
        return not all(part.startswith("#") for part in lowered.split("url(")[1:])
    return not value.strip().startswith("#")


def _clean(element: Element) -> None:
    for child in list(element):
        if not isinstance(child.tag, str) or _local(child.tag) in _REMOVED:
            element.remove(child)
        else:
            _clean(child)
    for name in list(element.attrib):
        local = _local(name).lower()
        value = element.attrib[name]
        if (
            local.startswith("on")
            or local == "style"
            or (local == "href" and _outside_reference(value))
            or ("url(" in value.replace(" ", "").lower() and _outside_reference(value))
        ):
            del element.attrib[name]


def _checked_svg(data: bytes) -> bytes:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError) as exc:
        raise LookRefused(_("The SVG logo could not be read, or holds a DTD or entities.")) from exc
    if _local(root.tag) != "svg":
        raise LookRefused(_("The logo must be a PNG or an SVG file."))
    sizes = [_NUMBER.fullmatch(root.attrib.get(side, "").strip()) for side in ("width", "height")]
    if all(sizes):
        width, height = (float(size.group(1)) for size in sizes if size)
        try:
            upload_limits.check_pixels(int(width), int(height))
        except upload_limits.UnpackRefused as exc:
            raise LookRefused(_("The logo has too many pixels.")) from exc
    _clean(root)
    # Written back with the SVG's own prefixes, not ElementTree's "ns0:".
    register_namespace("", _SVG_NS)
    register_namespace("xlink", _XLINK_NS)
    cleaned: bytes = tostring(root, encoding="utf-8", xml_declaration=False)
    return cleaned


def checked_template(data: bytes, filename: str) -> bytes:
    """The Word template as a .docx python-docx opens, or refused."""
    from docx import Document

    if not filename.lower().endswith((".docx", ".dotx")):
        raise LookRefused(_("The Word template must be a .docx or .dotx file."))
    if len(data) > TEMPLATE_MAX_BYTES:
        raise LookRefused(_("The Word template may be at most 5 MB."))
    try:
        upload_limits.check_zip(data)
    except upload_limits.UnpackRefused as exc:
        raise LookRefused(gettext(exc.message)) from exc
    try:
        document = docx_from_template(data)
        Document(io.BytesIO(document))
    except Exception as exc:  # noqa: BLE001 (any failure of a damaged file is the same refusal)
        raise LookRefused(_("The Word template could not be opened as a Word file.")) from exc
    return document
