"""Logins whose holder set their own password before credentials were recorded.

The audit trail says so: a change of `password` on a login made by that login itself (an
accepted invitation, a reset link, Mitt konto). Every other login's password was typed by
someone else (a coordinator, before invitations) or it has none, so it gets no record and its
approvals of minutes stop counting until its holder sets a password of their own.
"""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def held_by_their_holders(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    AuditEvent = apps.get_model("core", "AuditEvent")
    LoginCredentials = apps.get_model("accounts", "LoginCredentials")
    User = apps.get_model("auth", "User")
    last_setter: dict[str, int | None] = {}
    # Oldest first, so that the last one to set each login's password wins.
    for event in AuditEvent.objects.filter(model="auth.User").order_by("at", "id").iterator():
        if "password" in event.changes:
            last_setter[event.object_id] = event.actor_id
    for object_id, actor_id in last_setter.items():
        if actor_id is not None and str(actor_id) == object_id:
            user = User.objects.filter(pk=actor_id).first()
            if user is not None:
                LoginCredentials.objects.get_or_create(user=user, defaults={"set_by": "password"})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_login_credentials"),
        ("core", "0004_rate_counts"),
    ]

    operations = [migrations.RunPython(held_by_their_holders, migrations.RunPython.noop)]
