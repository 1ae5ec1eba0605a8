"""Open311 answers in JSON and XML: the same data, with the element names of the specification.

XML is built with xml.etree, which escapes text; characters XML cannot hold at all (control
characters) are dropped, so that every answer is well-formed.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from django.http import HttpResponse

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}
# The element name of one item of each list (the specification's XML examples).
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            _fill(ET.SubElement(element, name), item)
    elif isinstance(value, list):
        child = ITEM_NAMES.get(element.tag, "item")
        for item in value:
            _fill(ET.SubElement(element, child), item)
    else:
        element.text = _text(value)


def to_xml(root: str, data: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, data)
    body: bytes = ET.tostring(element, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def to_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode()


def respond(fmt: str, root: str, data: Any, status: int = 200) -> HttpResponse:
    """The answer in the format the address ends with; `root` names the XML root element."""
    body = to_xml(root, data) if fmt == "xml" else to_json(data)
    return HttpResponse(
        body, status=status, content_type=CONTENT_TYPES.get(fmt, CONTENT_TYPES["json"])
    )


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """The specification's error format: a list of {code, description}."""
    return respond(fmt, "errors", [{"code": status, "description": description}], status)
