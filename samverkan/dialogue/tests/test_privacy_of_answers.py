"""A stored answer carries no IP address, no user and no time finer than the day."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models

from samverkan.core.models import AuditEvent
from samverkan.dialogue.models import Answer, Response

from .conftest import answer

IDENTIFYING = re.compile(r"ip|addr|user|account|login|session|cookie|agent|device|email|phone")


def test_no_field_of_a_response_or_answer_can_identify_or_time_the_respondent():
    for model in (Response, Answer):
        for field in model._meta.get_fields():
            # then: no time of day, no link to a login, no field named after an identity
            assert not isinstance(field, models.DateTimeField | models.TimeField), field
            assert not isinstance(field, models.GenericIPAddressField), field
            if field.is_relation and field.related_model is not None:
                assert field.related_model._meta.label != settings.AUTH_USER_MODEL, field
            assert not IDENTIFYING.search(field.name), field
    assert isinstance(Response._meta.get_field("answered_on"), models.DateField)


def test_saving_an_answer_records_nothing_in_the_audit_trail(survey):
    # given
    before = AuditEvent.objects.count()
    # when
    answer(survey, area="Centrum", scale=3)
    # then: an audit event carries a time and an actor, so none is written for an answer
    assert AuditEvent.objects.count() == before
    stored = Response.objects.get()
    assert {f.attname for f in Response._meta.concrete_fields} == {
        "id",
        "survey_id",
        "answered_on",
        "area",
        "group",
        "source",
    }
    assert stored.answered_on.isoformat() == "2026-09-10"
