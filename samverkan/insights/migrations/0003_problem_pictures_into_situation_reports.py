"""The problem picture sits under the lägesbild: each year's problem picture analysis becomes
the analysis section of that year's situation report (a draft when there was none), so no
written analysis is lost. The problem picture page stays, linked from the report, for the
year's dialogue and walk figures."""

from django.db import migrations


def forwards(apps, schema_editor):
    ProblemPicture = apps.get_model("insights", "ProblemPicture")
    SituationReport = apps.get_model("insights", "SituationReport")
    ReportSection = apps.get_model("insights", "ReportSection")
    for picture in ProblemPicture.objects.exclude(analysis="").iterator():
        report, _created = SituationReport.objects.get_or_create(
            council_id=picture.council_id, year=picture.year
        )
        section, created = ReportSection.objects.get_or_create(
            report=report,
            key="analysis",
            defaults={"text": picture.analysis, "written_at": picture.updated_at},
        )
        if not created and picture.analysis not in section.text:
            section.text = f"{section.text}\n\n{picture.analysis}".strip()
            section.save(update_fields=["text"])


class Migration(migrations.Migration):
    dependencies = [("insights", "0002_situation_report")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
