"""Rows of the permission matrix for the operator's console (/admin/, core/console.py).

Only site administrators enter; a visitor is sent to the site's login and every other login
finds nothing (404), whatever its staff flag. Every page is read-only: adding, changing and
deleting are refused (403) even to site administrators, but for creating an Open311 key.
"""

from __future__ import annotations

from samverkan.accounts.tests.matrix import answers

CONSOLE = answers(
    admin=200, coordinator=404, secretary=404, member=404, reporter=404, viewer=404, outsider=404
)
READ_ONLY = {**CONSOLE, "site_admin": 403}
# Django's own pages the console passes on: its login to the site's, password change to
# Mitt konto.
PASSED_ON = {**CONSOLE, "site_admin": 302}
LOGIN_PAGE = {**CONSOLE, "site_admin": 302, "anonymous": 302}
# The admin's link to a record on the site: no record of the console has one.
NO_SITE_LINK = {**CONSOLE, "site_admin": 404}


def extra_ids(council, user):
    from samverkan.accounts.models import SignIn
    from samverkan.core.models import AuditEvent, Feedback
    from samverkan.incidents.models import Open311Key
    from samverkan.incidents.open311.keys import key_create

    feedback = Feedback.objects.create(message="Kartan saknar text.")
    key = Open311Key.objects.first() or key_create(name="console matrix")[0]
    sign_in = SignIn.objects.create(method="password", outcome="failed")
    return {
        "console_feedback": feedback.pk,
        "console_key": key.pk,
        "console_sign_in": sign_in.pk,
        "console_event": AuditEvent.objects.order_by("pk").first().pk,
    }


def user_ids(council, user):
    from django.contrib.auth.models import User

    return {"console_user": user.pk if user is not None else User.objects.first().pk}


MODELS = [
    ("auth_user", "console_user"),
    ("accounts_signin", "console_sign_in"),
    ("core_feedback", "console_feedback"),
    ("core_auditevent", "console_event"),
    ("incidents_open311key", "console_key"),
]

PAGES = [
    ("admin:index", lambda i: {}, "get", CONSOLE),
    ("admin:login", lambda i: {}, "get", LOGIN_PAGE),
    ("admin:logout", lambda i: {}, "get", {**CONSOLE, "site_admin": 405}),
    ("admin:password_change", lambda i: {}, "get", PASSED_ON),
    ("admin:password_change_done", lambda i: {}, "get", PASSED_ON),
    ("admin:autocomplete", lambda i: {}, "get", {**CONSOLE, "site_admin": 403}),
    ("admin:jsi18n", lambda i: {}, "get", CONSOLE),
    (
        "admin:view_on_site",
        lambda i: {"content_type_id": "1", "object_id": "1"},
        "get",
        NO_SITE_LINK,
    ),
    ("admin:app_list", lambda i: {"app_label": "core"}, "get", CONSOLE),
]


def _record(key: str):
    """The kwargs of a console page about one record, the record named by `key` in the ids."""
    return lambda i: {"object_id": i[key]}


for _model, _id in MODELS:
    PAGES += [
        (f"admin:{_model}_changelist", lambda i: {}, "get", CONSOLE),
        (
            f"admin:{_model}_add",
            lambda i: {},
            "get",
            CONSOLE if _model == "incidents_open311key" else READ_ONLY,
        ),
        (f"admin:{_model}_history", _record(_id), "get", CONSOLE),
        (f"admin:{_model}_delete", _record(_id), "get", READ_ONLY),
        # The change page of a read-only console shows the record.
        (f"admin:{_model}_change", _record(_id), "get", CONSOLE),
    ]
