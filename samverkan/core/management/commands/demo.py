from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samverkan.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load or reload the demo council of Köping from the seed minutes."

    def handle(self, *args: Any, **options: Any) -> None:
        personas = load_demo()
        self.stdout.write("Demorådet är laddat. / The demo council is loaded.")
        self.stdout.write(f"Demoinloggningar / demo logins (lösenord / password: {DEMO_PASSWORD}):")
        for username, description in personas:
            self.stdout.write(f"  {username:<14} {description}")
