from django.urls import path

from samverkan.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("integritet/", views.privacy, name="privacy"),
    path("councils/new/", views.council_create, name="council_create"),
    path("ops/", views.operations, name="operations"),
    path("healthz", views.healthz, name="healthz"),
]
