from django.urls import URLPattern

from samverkan.dialogue.views import (
    builder,
    dialogues,
    public,
    results,
    themes,
    walks,
)

app_name = "dialogue"
urlpatterns: list[URLPattern] = (
    builder.urlpatterns
    + public.urlpatterns
    + results.urlpatterns
    + dialogues.urlpatterns
    + themes.urlpatterns
    + walks.urlpatterns
)
