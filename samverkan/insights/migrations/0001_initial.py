import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The problem picture moves here from dialogue: its table stays (dialogue_problempicture),
    only the model's state is created; dialogue's 0005 removes it from dialogue's state."""

    initial = True

    dependencies = [
        ("dialogue", "0004_survey_place_points"),
        ("organisations", "0002_organisationalias"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProblemPicture",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("year", models.PositiveIntegerField(verbose_name="year")),
                        (
                            "analysis",
                            models.TextField(blank=True, max_length=20000, verbose_name="analysis"),
                        ),
                        (
                            "council",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="organisations.council",
                                verbose_name="council",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "problem picture",
                        "verbose_name_plural": "problem pictures",
                        "ordering": ["council", "-year"],
                        "db_table": "dialogue_problempicture",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("council", "year"),
                                name="problem_picture_one_per_council_and_year",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
