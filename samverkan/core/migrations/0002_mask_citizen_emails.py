"""Citizens' e-mail addresses written into the audit trail before it masked them: masked now, so
that purging a report's address (samverkan purge-contact-emails) leaves no copy behind. The only
rewrite of the append-only trail, and it removes personal data, never evidence of a change."""

from django.db import migrations

MASK = "•••"


def mask(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    events = AuditEvent.objects.filter(model="incidents.Incident", changes__has_key="contact_email")
    for event in events.only("id", "changes").iterator(chunk_size=1000):
        changes = dict(event.changes)
        changes["contact_email"] = [MASK if value else value for value in changes["contact_email"]]
        AuditEvent.objects.filter(pk=event.pk).update(changes=changes)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(mask, migrations.RunPython.noop)]
