"""Imported text as a reader expects it: a document written with Markdown's emphasis
(`*betonat*`, `**fetstilt**`, as the seed's promises are) shows the emphasis, not the asterisks."""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A pair of markers around text that neither starts nor ends with a space, on one line; a lone
# asterisk ("5 * 3", "Bilaga*") stays as it is.
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n*_]{1,500}?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^\n*]{1,500}?)(?<=\S)\*(?![\w*])")


def emphasised(text: str) -> str:
    """The text escaped, with Markdown's strong and emphasis markers turned into <strong> and
    <em>; nothing else of it becomes markup."""
    escaped = str(conditional_escape(text))
    escaped = _STRONG.sub(r"<strong>\2</strong>", escaped)
    return _EMPHASIS.sub(r"<em>\1</em>", escaped)


@register.filter(is_safe=True)
def with_emphasis(text: str | None) -> SafeString:
    """Paragraphs of imported text with its emphasis shown (`{{ text|with_emphasis }}`)."""
    if not text:
        return mark_safe("")  # noqa: S308 (empty)
    # linebreaks escapes nothing when given safe text: the text was escaped above.
    return mark_safe(linebreaks(mark_safe(emphasised(text))))  # noqa: S308
