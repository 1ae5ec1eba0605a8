"""`samverkan open311-key create NAME | list | revoke NAME`: the API keys of Open311 apps."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.incidents.open311.keys import key_create, key_revoke, keys_all


class Command(BaseCommand):
    help = "Create, list or revoke the API keys with which apps send requests over Open311."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a key and print it (shown only once).")
        create.add_argument("name", help="The app's name.")
        actions.add_parser("list", help="List the keys (names and prefixes, never the keys).")
        revoke = actions.add_parser("revoke", help="Revoke an app's key.")
        revoke.add_argument("name", help="The app's name.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "create":
                record, key = key_create(name=options["name"])
                self.stdout.write(f"Nyckel för / key for {record.name}:")
                self.stdout.write(key)
                self.stdout.write("Visas bara nu / shown only now.")
            elif options["action"] == "revoke":
                record = key_revoke(name=options["name"])
                self.stdout.write(f"Återkallade / revoked {record.name}")
            else:
                for record in keys_all():
                    revoked = (
                        f"återkallad / revoked {record.revoked_at:%Y-%m-%d}"
                        if record.revoked_at
                        else "aktiv / active"
                    )
                    self.stdout.write(
                        f"{record.name}\t{record.prefix}…\t{record.created_at:%Y-%m-%d}\t{revoked}"
                    )
        except NotFoundError as exc:
            raise CommandError(f"Nyckeln finns inte / no such key: {options['name']}") from exc
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc
