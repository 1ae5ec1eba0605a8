"""Pages of the plans app: activities (see samverkan/plans/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
