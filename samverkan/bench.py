"""`make bench`: speed targets, printed as a table (median, p95, ratio to target).

Runs against a throw-away SQLite database under var/bench/ (or DATABASE_URL if set).
Tests never assert timings; this is where they are watched.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROUNDS = 30


def measure(call: Callable[[], object], rounds: int = ROUNDS) -> tuple[float, float]:
    """Return (median, p95) wall time in milliseconds over `rounds` calls, after one warm-up."""
    call()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    os.environ.setdefault("SAMVERKAN_VAR_DIR", tempfile.mkdtemp(prefix="samverkan-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    os.environ.setdefault("SECURE_COOKIES", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)

    from django.contrib.auth.models import User

    from samverkan.accounts.services import api_token_create
    from samverkan.demo import DEMO_PASSWORD, load_demo, seed_text
    from samverkan.meetings.importers.minutes_parser import parse_minutes

    load_demo()
    client = Client()
    client.login(username="samordnare", password=DEMO_PASSWORD)
    text = seed_text()

    def page(path: str, **headers: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(path, headers=headers)
            assert response.status_code == 200, path  # noqa: S101
            return response

        return get

    # Logins survive a reload of the demo, and so does this token.
    _token, key = api_token_create(user=User.objects.get(username="samordnare"), name="bench")
    api_page = page("/api/councils/koping-bra/organisations", Authorization=f"Bearer {key}")

    # (what, call, target in ms at the median, rounds)
    rows: list[tuple[str, Callable[[], object], float, int]] = [
        ("parse the seed minutes", lambda: parse_minutes(text), 200.0, ROUNDS),
        ("load the demo council", load_demo, 2000.0, 5),
        ("council overview page", page("/councils/koping-bra/"), 100.0, ROUNDS),
        ("organisation list page", page("/councils/koping-bra/organisations/"), 100.0, ROUNDS),
        ("people list page", page("/councils/koping-bra/people/"), 100.0, ROUNDS),
        ("API: list organisations", api_page, 100.0, ROUNDS),
    ]
    database = django.conf.settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Samverkan bench on {database}; reference: the target of each row (ratio < 1 is good)")
    print(f"{'what':<28} {'median ms':>10} {'p95 ms':>10} {'target ms':>10} {'ratio':>7}")
    for what, call, target, rounds in rows:
        median, p95 = measure(call, rounds)
        print(f"{what:<28} {median:>10.1f} {p95:>10.1f} {target:>10.0f} {median / target:>7.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    Path("var").mkdir(exist_ok=True)
    main()
