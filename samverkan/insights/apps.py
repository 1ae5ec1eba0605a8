from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "samverkan.insights"
    label = "insights"
    verbose_name = _("Situational and problem picture")

    def ready(self) -> None:
        # The follow-up document shows the effect at the measures' places, which plans may not
        # compute (it may not read incidents): insights adds the section.
        from samverkan.insights.selectors.measure_effect import follow_up_effect_section
        from samverkan.plans.documents.follow_up import follow_up_section_register

        follow_up_section_register(follow_up_effect_section)
