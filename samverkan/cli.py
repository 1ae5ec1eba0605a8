"""The `samverkan` command: Django's management commands under the project's own name.

`samverkan run`, `samverkan demo`, `samverkan createuser`, `samverkan import-minutes`, and every
Django command
(`samverkan migrate`, `samverkan check --deploy`, …).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    # Commands are spelled with hyphens on the command line: `samverkan import-minutes`.
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["samverkan", *args])


if __name__ == "__main__":
    main()
