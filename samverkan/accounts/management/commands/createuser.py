from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.accounts.models import Role
from samverkan.accounts.services import council_role_grant, user_create
from samverkan.core.errors import ServiceError
from samverkan.organisations.models import Council


class Command(BaseCommand):
    help = "Create a login, optionally with a role in a council or as site administrator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Asked for when not given.")
        parser.add_argument("--council", help="The council's short name (slug).")
        parser.add_argument("--role", choices=Role.values, default=Role.MEMBER)
        parser.add_argument("--site-admin", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"] or getpass.getpass("Lösenord / Password: ")
        council = None
        if options["council"]:
            council = Council.objects.filter(slug=options["council"]).first()
            if council is None:
                raise CommandError(f"Rådet finns inte / No such council: {options['council']}")
        try:
            user = user_create(
                actor=None,
                username=options["username"],
                password=password,
                email=options["email"],
                is_site_admin=options["site_admin"],
            )
            if council is not None:
                council_role_grant(actor=None, council=council, user=user, role=options["role"])
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"Skapade / created {user.username}")
