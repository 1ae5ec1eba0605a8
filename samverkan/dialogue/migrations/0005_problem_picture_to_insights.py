from django.db import migrations


class Migration(migrations.Migration):
    """The problem picture moved to insights (insights 0001 takes over its table): removed from
    dialogue's state only, so the table and its rows stay."""

    dependencies = [
        ("dialogue", "0004_survey_place_points"),
        ("insights", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ProblemPicture")],
            database_operations=[],
        ),
    ]
