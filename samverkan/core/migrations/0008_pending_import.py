"""The upload buffer, taken over from meetings: meetings' 0007 has renamed its table to
core_pendingimport, rows and all, so this only records the model in core's state."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0007_mail_sendings"),
        ("organisations", "0004_person_erased_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PendingImport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("filename", models.CharField(max_length=255)),
                        ("data", models.BinaryField()),
                        ("council", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="organisations.council")),
                        ("uploaded_by", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "ordering": ["-created_at"],
                    },
                ),
            ],
        ),
    ]
