"""Each view module of the plans app lists its own addresses, under these prefixes:
/councils/<slug>/plans/... (activities, documents, reports) and /r/<slug>/... (public)."""

from samverkan.plans.views import activities, documents, reports

app_name = "plans"
urlpatterns = [*activities.urlpatterns, *documents.urlpatterns, *reports.urlpatterns]
