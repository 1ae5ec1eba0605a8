from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.webhooks.models import WebhookEvent


class WebhookForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    url = forms.CharField(
        label=_("Address"),
        max_length=500,
        help_text=_("The address that receives the events, such as https://system.kommun.se/hook."),
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
    )
    secret = forms.CharField(
        label=_("Secret"),
        required=False,
        max_length=200,
        help_text=_(
            "Signs every delivery. Leave empty and one is made for you, shown once after saving."
        ),
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
    )


class WebhookEditForm(WebhookForm):
    active = forms.BooleanField(label=_("Active (events are sent)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["secret"].help_text = _(
            "Type a new secret to replace the one in use; leave empty to keep it."
        )
