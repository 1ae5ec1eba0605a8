from django.urls import path

from samverkan.core import views

app_name = "core"
urlpatterns = [
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("integritet/", views.privacy, name="privacy"),
    path("ops/", views.operations, name="operations"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "tiles/<int:z>/<int:x>/<int:y>.<str:ext>",
        views.map_tile,
        name="map_tile",
    ),
]
