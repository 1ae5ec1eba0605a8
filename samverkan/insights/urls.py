from django.urls import URLPattern

from samverkan.insights.views import (
    dashboard,
    measure_effect,
    period_report,
    problem_picture,
    situation_report,
    statistics,
)

app_name = "insights"
urlpatterns: list[URLPattern] = [
    *dashboard.urlpatterns,
    *period_report.urlpatterns,
    *statistics.urlpatterns,
    *problem_picture.urlpatterns,
    *situation_report.urlpatterns,
    *measure_effect.urlpatterns,
]
