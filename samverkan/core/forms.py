"""The ground of every form: what is typed is cleaned of control characters, and the feedback
form of the accessibility statement."""

from __future__ import annotations

from typing import Any, Final

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import Feedback

# Control characters nobody means to type; a pasted one breaks a line in an iCalendar file, a
# CSV or a log. The NUL character is left to Django's own validator, which refuses it. A line
# break is whatever str.splitlines takes for one (CR, LF, CRLF, VT, FF, NEL, U+2028, …).
_CONTROL: Final = {c: None for c in (*range(0x01, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0))}
_ONE_LINE: Final = _CONTROL | {ord("\t"): " "}


def typed_text(value: str, *, multiline: bool) -> str:
    """The text without control characters; a single line also without line breaks (each
    becomes a space). Lines keep their breaks (as "\n") and tabs, which a table pasted from a
    spreadsheet needs."""
    if multiline:
        return "\n".join(line.translate(_CONTROL) for line in value.splitlines())
    return " ".join(line.translate(_ONE_LINE) for line in value.splitlines())


def clean_typed_text_in_every_form() -> None:
    """Make every form's text fields clean what is typed (called once, by CoreConfig.ready).

    Django's CharField is the one place every text field of every form passes, the generated
    fields of model forms and Django's own forms included. A field with `strip=False` (a
    password) is left as typed; a Textarea is multi-line.
    """
    to_python = forms.CharField.to_python
    if getattr(to_python, "cleans_typed_text", False):
        return

    def cleaned_to_python(self: forms.CharField, value: Any) -> str | None:
        if self.strip and isinstance(value, str):
            value = typed_text(value, multiline=isinstance(self.widget, forms.Textarea))
        return to_python(self, value)

    cleaned_to_python.cleans_typed_text = True  # type: ignore[attr-defined]
    setattr(forms.CharField, "to_python", cleaned_to_python)  # noqa: B010 (mypy forbids "=")


class FeedbackForm(forms.ModelForm):  # type: ignore[type-arg]
    # A field people do not see; bots fill it in.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Feedback
        fields = ["page_url", "message", "email"]
        labels = {
            "page_url": _("Which page is it about? (optional)"),
            "message": _("What did not work, or what do you need?"),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }


def rows_formset(
    form: type[forms.Form], *, extra: int, max_num: int
) -> type[forms.BaseFormSet[Any]]:
    """A formset of at most `max_num` rows, whatever number of rows a post claims.

    Django builds up to max_num + 1000 forms for a post's TOTAL_FORMS, each validated and
    shown again: a claim of a thousand rows held a worker for ten seconds. Here the rows beyond
    the maximum are not built, and the post gets the formset's message.
    """
    return forms.formset_factory(
        form, extra=extra, max_num=max_num, absolute_max=max_num, validate_max=True
    )
