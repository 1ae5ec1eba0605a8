from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import Feedback


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
