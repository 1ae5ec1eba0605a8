from django.urls import URLPattern

from samverkan.insights.views import dashboard, period_report, problem_picture, statistics

app_name = "insights"
urlpatterns: list[URLPattern] = [
    *dashboard.urlpatterns,
    *period_report.urlpatterns,
    *statistics.urlpatterns,
    *problem_picture.urlpatterns,
]
