from django.db import migrations, models


class Migration(migrations.Migration):
    """Surveys made before keep taking points in place questions, as they did; new ones do not.

    The column is added with True for the existing rows, then its default becomes False.
    """

    dependencies = [
        ("dialogue", "0003_problem_picture"),
    ]

    operations = [
        migrations.AddField(
            model_name="survey",
            name="place_points",
            field=models.BooleanField(
                default=True, verbose_name="points on the map in place questions"
            ),
        ),
        migrations.AlterField(
            model_name="survey",
            name="place_points",
            field=models.BooleanField(
                default=False, verbose_name="points on the map in place questions"
            ),
        ),
    ]
