from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from samverkan.core.translation_files import translations_compile


class Command(BaseCommand):
    help = "Compile the .po translation files to .mo (pure Python; GNU gettext is not needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        for locale_path in settings.LOCALE_PATHS:
            for po_path in translations_compile(locale_dir=Path(locale_path)):
                self.stdout.write(f"compiled {po_path}")
