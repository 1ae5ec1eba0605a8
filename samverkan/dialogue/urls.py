from django.urls import URLPattern

app_name = "dialogue"
urlpatterns: list[URLPattern] = []
