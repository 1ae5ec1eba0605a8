"""Fixtures of the situational and problem picture: the incidents' categories, places and a
housing company, and the survey of the council (insights reads both areas).

The figures' tests read the pages in English (`english_pages`, as the incident tests do); the
problem picture's read them in Swedish with the services speaking English (`english_messages`,
as the survey tests do). Each module names the one it uses in its `pytestmark`.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from samverkan.dialogue.tests.conftest import draft, survey
from samverkan.incidents.tests.conftest import _media, area, categories, kbab, school

__all__ = ["_media", "area", "categories", "draft", "kbab", "school", "survey"]


@pytest.fixture
def english_pages(client, settings):
    # Messages are asserted in English (the msgids); the Swedish ones live in the catalogue.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def english_messages():
    """Services speak English here; pages follow the request's language (Swedish by default)."""
    with translation.override("en"):
        yield
