"""The `samverkan` command: Django's management commands under the project's own name.

`samverkan run`, `samverkan demo`, `samverkan createuser`, and every Django command
(`samverkan migrate`, `samverkan check --deploy`, …).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["samverkan", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
