from django.urls import URLPattern

from samverkan.dialogue.views import (
    builder,
    dialogues,
    problem_picture,
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
    + problem_picture.urlpatterns
)
