from django.urls import URLPattern

from samverkan.dialogue.views import builder, public, results

app_name = "dialogue"
urlpatterns: list[URLPattern] = builder.urlpatterns + public.urlpatterns + results.urlpatterns
