"""What a parser could not place: a line number, a code and the English message to show."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ParseWarning"]


@dataclass
class ParseWarning:
    """One thing the secretary should look at in the preview.

    `template` is the English message with `{name}` fields, marked with gettext_noop by the
    importer that raised it; the caller translates the template and formats it with `params`.
    """

    line: int | None
    code: str
    template: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)
