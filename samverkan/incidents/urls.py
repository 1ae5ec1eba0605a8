from django.urls import URLPattern

from samverkan.incidents.open311 import views as open311
from samverkan.incidents.police import views as police
from samverkan.incidents.views import imports, public, reporting, review, setup, statistics

app_name = "incidents"
urlpatterns: list[URLPattern] = [
    *reporting.urlpatterns,
    *review.urlpatterns,
    *setup.urlpatterns,
    *public.urlpatterns,
    *open311.urlpatterns,
    *imports.urlpatterns,
    *statistics.urlpatterns,
    *police.urlpatterns,
]
