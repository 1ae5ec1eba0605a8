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
