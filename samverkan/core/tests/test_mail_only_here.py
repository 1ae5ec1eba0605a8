"""Every e-mail goes through `core/mail.py`'s queue (its record, its retries): no other module
of the platform may talk to a mail server. The test reads every module's code (tests aside)."""

from __future__ import annotations

import ast
from pathlib import Path

import samverkan

PACKAGE = Path(samverkan.__file__).parent
THE_ONE_SENDER = PACKAGE / "core" / "mail.py"
# What sends mail, or builds it to send: Django's functions and classes, and the mail libraries.
SENDING_NAMES = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "EmailMessage",
    "EmailMultiAlternatives",
    "get_connection",
    "send_messages",
    "AdminEmailHandler",
}
SENDING_MODULES = ("django.core.mail", "smtplib")


def _modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in path.relative_to(PACKAGE).parts and path != THE_ONE_SENDER
    ]


def direct_sendings(source: str) -> list[str]:
    """Where a module's code sends mail itself, as "line: what"."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                f"{node.lineno}: import {alias.name}"
                for alias in node.names
                if alias.name.startswith(SENDING_MODULES)
            ]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = {alias.name for alias in node.names}
            if module.startswith(SENDING_MODULES) or (module == "django.core" and "mail" in names):
                found.append(f"{node.lineno}: from {module} import {', '.join(sorted(names))}")
        elif isinstance(node, ast.Call):
            function = node.func
            name = (
                function.attr
                if isinstance(function, ast.Attribute)
                else function.id
                if isinstance(function, ast.Name)
                else ""
            )
            if name in SENDING_NAMES:
                found.append(f"{node.lineno}: {name}(…)")
            # allauth's own sending, reached past the account adapter's queue
            if (
                name == "send_mail"
                or isinstance(function, ast.Attribute)
                and function.attr == "send"
                and isinstance(function.value, ast.Call)
                and "render_mail" in ast.unparse(function.value)
            ):
                found.append(f"{node.lineno}: {ast.unparse(function)}(…)")
        elif isinstance(node, ast.Constant) and node.value in (
            "django.utils.log.AdminEmailHandler",
        ):
            found.append(f"{node.lineno}: {node.value!s}")
    return found


def test_no_module_but_core_mail_sends_mail_itself():
    offenders = {
        str(path.relative_to(PACKAGE)): found
        for path in _modules()
        if (found := direct_sendings(path.read_text(encoding="utf-8")))
    }

    assert offenders == {}, f"send through samverkan.core.mail.mail_queue instead: {offenders}"


def test_the_check_finds_each_way_of_sending_directly():
    # The check itself must notice what it is for, or the test above proves nothing.
    ways = [
        "from django.core.mail import send_mail\nsend_mail('s', 'b', 'f', ['t'])",
        "from django.core import mail\nmail.mail_admins('s', 'b')",
        "import smtplib",
        "EmailMessage(subject='s').send()",
        "get_connection().send_messages([])",
        "self.render_mail('p', 'e', {}).send()",
        "super().send_mail('p', 'e', {})",
        "LOGGING = {'h': {'class': 'django.utils.log.AdminEmailHandler'}}",
    ]

    assert [bool(direct_sendings(way)) for way in ways] == [True] * len(ways)
    assert direct_sendings("mail_queue(kind='k', to='a@b.se', subject='s', body='b')") == []
