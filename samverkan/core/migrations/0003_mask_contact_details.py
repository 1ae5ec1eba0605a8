"""E-mail addresses and phone numbers of people, logins and feedback written into the audit trail
before it masked them: masked now, so that erasing a person's data (organisations/personal_data.py)
leaves no copy behind. Like 0002, a rewrite of the append-only trail that removes personal data,
never evidence of a change."""

from django.db import migrations

MASK = "•••"
FIELDS = ("email", "phone")


def mask(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    for field in FIELDS:
        events = AuditEvent.objects.filter(changes__has_key=field)
        for event in events.only("id", "changes").iterator(chunk_size=1000):
            changes = dict(event.changes)
            if not isinstance(changes[field], list):
                continue
            changes[field] = [MASK if value else value for value in changes[field]]
            AuditEvent.objects.filter(pk=event.pk).update(changes=changes)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_mask_citizen_emails")]

    operations = [migrations.RunPython(mask, migrations.RunPython.noop)]
