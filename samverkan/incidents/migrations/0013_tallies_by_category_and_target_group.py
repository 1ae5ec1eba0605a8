"""The tallies gain keys (issue 17): who was affected in the category tally, and the category
in the hour and cell tallies, so that "who is affected" and a category's weekday-by-hour table
and map cells over long periods are read from tallies, not from every report. Emptied by 0012, the
tallies are counted afresh by 0014 (as `samverkan rebuild-tallies` does)."""

import django.db.models.deletion
from django.db import migrations, models

class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0012_tallies_emptied"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="categorytally", name="category_tally_unique"),
        migrations.RemoveConstraint(model_name="hourtally", name="hour_tally_unique"),
        migrations.RemoveConstraint(model_name="celltally", name="cell_tally_unique"),
        migrations.AddField(
            model_name="categorytally",
            name="target_group",
            field=models.CharField(default="", max_length=20),
        ),
        migrations.AddField(
            model_name="hourtally",
            name="category",
            field=models.ForeignKey(
                default=0,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="incidents.category",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="celltally",
            name="category",
            field=models.ForeignKey(
                default=0,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="incidents.category",
            ),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="categorytally",
            constraint=models.UniqueConstraint(
                fields=("council", "month", "category", "organisation_key", "source", "target_group"),
                name="category_tally_key",
            ),
        ),
        migrations.AddConstraint(
            model_name="hourtally",
            constraint=models.UniqueConstraint(
                fields=("council", "month", "category", "weekday", "hour"), name="hour_tally_key"
            ),
        ),
        migrations.AddConstraint(
            model_name="celltally",
            constraint=models.UniqueConstraint(
                fields=("council", "month", "h3_cell", "category"), name="cell_tally_key"
            ),
        ),
    ]
