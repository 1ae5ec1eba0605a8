from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samverkan.demo.loader import DEMO_PASSWORD, load_demo
from samverkan.organisations.models import Council


class Command(BaseCommand):
    help = "Load or reload the demo council of Köping from the seed minutes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load the demo only when the database holds no council (samverkan run).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Council.objects.exists():
            self.stdout.write("Databasen har redan data; demon laddas inte. / Demo not loaded.")
            return
        personas = load_demo()
        self.stdout.write("Demorådet är laddat. / The demo council is loaded.")
        self.stdout.write(f"Demoinloggningar / demo logins (lösenord / password: {DEMO_PASSWORD}):")
        for username, description in personas:
            self.stdout.write(f"  {username:<14} {description}")
