"""Each view module of the plans app lists its own addresses, under these prefixes:
/councils/<slug>/plans/... (activities, agreements, promises, importing, reports) and
/r/<slug>/... (public)."""

from samverkan.plans.views import activities, agreements, importing, indicators, promises, reports

app_name = "plans"
urlpatterns = [
    *activities.urlpatterns,
    *indicators.urlpatterns,
    *agreements.urlpatterns,
    *promises.urlpatterns,
    *importing.urlpatterns,
    *reports.urlpatterns,
]
