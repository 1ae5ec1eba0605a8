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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samverkan.organisations.models import Council

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


ARCHIVE_SLUG = "bench-archive"
ARCHIVE_MEETINGS, ARCHIVE_ITEMS_PER_MEETING = 10_000, 10
# Words of minutes, most common first: a word's share of the text falls with its rank (Zipf).
ARCHIVE_VOCABULARY = (
    "rådet beslutar att notera informationen till protokollet polisen kommunen trygghet "
    "skadegörelse skolan centrum ungdomar samverkan medborgarlöften handlingsplan uppföljning "
    "lägesbild insatser området kostnad glaskross klotter nedskräpning brand föreningar "
    "fritidsgården nattvandring kameraövervakning belysning parkering stationen trafik "
    "medborgardialog trygghetsvandring fältassistenter socialtjänsten räddningstjänsten "
    "bostadsbolaget fastighetsägare näringsidkare handlarna biblioteket idrottshallen simhallen "
    "skolgården busshållplatsen cykelstölder inbrott bedrägerier narkotika alkohol langning "
    "tobak spel våld hot ordningsstörning ofredande rån stöld snatteri missbruk anmälningar "
    "statistik rapport enkät budget ansökan bidrag projekt slutrapport delrapport remiss yttrande "
    "samordnare sekreterare ordförande ledamot ersättare justerare utskottet styrgruppen "
    "arbetsgruppen länsstyrelsen brottsofferjouren kyrkan vuxna föräldrar elever lärare rektor "
    "kuratorn personalen sommaren hösten vintern våren kvällar helger nätter"
)
ARCHIVE_WORDS = ARCHIVE_VOCABULARY.split()
ARCHIVE_RARE = "sprängdådet"  # in one item of about ten thousand


def archive_build() -> tuple[Council, float]:
    """Return the bench archive council (10,000 meetings, 100,000 items) and the build seconds.

    Built once and kept: a PostgreSQL bench database reuses it on the next run.
    """
    import datetime as dt
    import random

    from django.db import connection, transaction

    from samverkan.meetings.models import AgendaItem, Decision, DecisionKind, Meeting
    from samverkan.organisations import services
    from samverkan.organisations.models import BodyKind, Council

    total = ARCHIVE_MEETINGS * ARCHIVE_ITEMS_PER_MEETING
    council = Council.objects.filter(slug=ARCHIVE_SLUG).first()
    if council and AgendaItem.objects.filter(meeting__body__council=council).count() == total:
        return council, 0.0
    start = time.perf_counter()
    rng = random.Random(2018)  # noqa: S311 (test data, not secrets)
    weights = [1 / rank for rank in range(1, len(ARCHIVE_WORDS) + 1)]

    def words(n: int) -> str:
        return " ".join(rng.choices(ARCHIVE_WORDS, weights, k=n))

    with transaction.atomic():
        if council is None:
            council = services.council_create(
                actor=None, municipality_name="Benchby kommun", name="Brå", slug=ARCHIVE_SLUG
            )
            for name, kind in [
                ("Rådet", BodyKind.COUNCIL),
                ("Arbetsutskottet", BodyKind.WORKING_COMMITTEE),
                ("Projektgruppen centrum", BodyKind.PROJECT_GROUP),
            ]:
                services.body_create(actor=None, council=council, name=name, kind=kind)
        else:  # an archive of another size, from an older bench
            Decision.objects.filter(item__meeting__body__council=council).delete()
            AgendaItem.objects.filter(meeting__body__council=council).delete()
            Meeting.objects.filter(body__council=council).delete()
        bodies = list(council.bodies.order_by("id"))
        first = dt.date(1990, 1, 1)
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    body=bodies[n % len(bodies)],
                    date=first + dt.timedelta(days=rng.randrange(36 * 365)),
                    status="held",
                )
                for n in range(ARCHIVE_MEETINGS)
            ],
            batch_size=2000,
        )
        kinds = list(DecisionKind.values)
        for chunk in range(0, ARCHIVE_MEETINGS, 1000):
            items = AgendaItem.objects.bulk_create(
                [
                    AgendaItem(
                        meeting=meeting,
                        number=number,
                        title=words(4).capitalize(),
                        text=words(rng.randrange(20, 80))
                        + (f" {ARCHIVE_RARE}" if rng.random() < 1e-4 else ""),
                    )
                    for meeting in meetings[chunk : chunk + 1000]
                    for number in range(1, ARCHIVE_ITEMS_PER_MEETING + 1)
                ],
                batch_size=2000,
            )
            # Half the items have a decision.
            Decision.objects.bulk_create(
                [
                    Decision(item=item, text=f"att {words(10)}", kind=rng.choice(kinds))
                    for item in items
                    if item.number % 2
                ],
                batch_size=2000,
            )
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load: statistics for the planner (of every
        # table: a council's size is read from its bodies) and the GIN pending lists merged.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return council, time.perf_counter() - start


def archive_rows() -> list[tuple[str, Callable[[], object], float, int]]:
    """Rows for the archive: search and the decision register over 100,000 items."""
    from django.core.paginator import Paginator

    from samverkan.meetings.search import search_items, search_snippets
    from samverkan.meetings.selectors_archive import decisions_of

    council, seconds = archive_build()
    built = f"built in {seconds:.1f} s" if seconds else "kept from an earlier run"
    print(f"archive of 10,000 meetings and 100,000 items: {built}")

    def search_page(query: str, year: int | None = None) -> Callable[[], object]:
        # What the search page does: count, the first page, its snippets.
        def run() -> object:
            page = Paginator(search_items(council, query, year=year), 25).get_page(1)
            return search_snippets(list(page), query)

        return run

    def register_page(kind: str | None = None) -> Callable[[], object]:
        def run() -> object:
            return list(Paginator(decisions_of(council, kind=kind), 25).get_page(1))

        return run

    return [
        # Of the 100,000 items, these have the words: 11, 21,514, 73,283, 23,226 and 1,009.
        ("search: rare word", search_page(ARCHIVE_RARE), 100.0, ROUNDS),
        ("search: word in 1/5 of items", search_page("simhallen"), 100.0, ROUNDS),
        ("search: word in 3/4 of items", search_page("polisen"), 100.0, ROUNDS),
        ("search: two common words", search_page("skolan glaskross"), 100.0, ROUNDS),
        ("search: a word in one year", search_page("klotter", year=2015), 100.0, ROUNDS),
        ("decision register", register_page(), 100.0, ROUNDS),
        ("decision register, approved", register_page(kind="approved"), 100.0, ROUNDS),
    ]


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
    from django.db import transaction

    from samverkan.accounts.services import api_token_create
    from samverkan.demo import DEMO_PASSWORD, load_demo, seed_text
    from samverkan.meetings.documents.minutes import minutes_docx, minutes_pdf
    from samverkan.meetings.importers.minutes_parser import parse_minutes
    from samverkan.meetings.minutes_content import minutes_content
    from samverkan.meetings.models import Meeting
    from samverkan.meetings.selectors import meeting_in
    from samverkan.meetings.services.minutes_import import minutes_import
    from samverkan.organisations import services as organisation_services
    from samverkan.organisations.models import Council

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

    council = Council.objects.get(slug="koping-bra")
    seed_bytes = text.encode("utf-8")

    class _UndoError(Exception):
        """Raised to roll the bench's import back, so that it can run again."""

    def import_seed() -> object:
        # The demo holds these minutes already: import into a fresh council, then undo.
        try:
            with transaction.atomic():
                fresh = organisation_services.council_create(
                    actor=None, municipality_name="Benchkommun", name="Rådet", slug="bench-import"
                )
                organisation_services.body_create(
                    actor=None, council=fresh, name="Brottsförebyggande rådet", kind="council"
                )
                minutes_import(actor=None, council=fresh, data=seed_bytes, filename="seed.txt")
                raise _UndoError
        except _UndoError:
            return None

    seed_meeting = Meeting.objects.get(body__council=council, date="2018-05-24")
    seed_content = minutes_content(meeting_in(council, seed_meeting.pk))

    # (what, call, target in ms at the median, rounds)
    rows: list[tuple[str, Callable[[], object], float, int]] = [
        ("parse the seed minutes", lambda: parse_minutes(text), 200.0, ROUNDS),
        ("import the seed minutes", import_seed, 200.0, ROUNDS),
        ("seed minutes to PDF/A", lambda: minutes_pdf(seed_content), 2000.0, 5),
        ("seed minutes to DOCX", lambda: minutes_docx(seed_content), 2000.0, 10),
        ("load the demo council", load_demo, 2000.0, 5),
        ("council overview page", page("/councils/koping-bra/"), 100.0, ROUNDS),
        ("organisation list page", page("/councils/koping-bra/organisations/"), 100.0, ROUNDS),
        ("people list page", page("/councils/koping-bra/people/"), 100.0, ROUNDS),
        ("API: list organisations", api_page, 100.0, ROUNDS),
    ]
    rows += archive_rows()
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
