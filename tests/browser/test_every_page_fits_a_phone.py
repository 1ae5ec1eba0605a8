"""Every page at 390 px, as the demo's coordinator and as a citizen: none scrolls sideways.

The pages are not listed by hand. A crawl in the test's own process (Django's test client)
starts from the front page and every GET page of the permission matrix that needs nothing but
the council, and follows the links of the demo council, one address per URL pattern, as the
coordinator and as an anonymous visitor; then one browser at phone size opens each HTML page
it found, runs axe on it and measures it. The crawl must reach every GET page the permission
matrix lets a coordinator open (accounts/tests/test_permission_matrix.py): a new page joins the
tour by being linked, or the test names it and fails. Pages the crawl cannot reach by a link in
the demo are listed in UNREACHED with the reason.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from samverkan.accounts.tests.test_permission_matrix import PAGES
from samverkan.demo.loader import DEMO_PASSWORD, KOPING_SLUG, load_demo
from tests.browser.visitor import _AXE, Visitor, format_violations

WIDTH = 390
PHONE = {"viewport": {"width": WIDTH, "height": 844}, "device_scale_factor": 3, "has_touch": True}
COUNCIL = f"/councils/{KOPING_SLUG}/"
# How many addresses of one URL pattern the crawl tries before it gives up on it.
TRIES = 4
# Never followed: they change the session (log out, language) or are another site's.
NOT_FOLLOWED = {"accounts:logout", "set_language", "account_login", "accounts:login"}
# Not pages but files and data (PDF, Word, CSV, feeds, photos, OParl's and Open311's JSON).
NOT_PAGES = ("opendata:", "incidents:open311_")
FILES = ("_pdf", "_docx", "_csv", "_feed", "_photo", ":photo", "_download", "_attach")
# GET pages a coordinator may open that no link of the demo leads to, with the reason.
_SIGNED = "the demo's promises are signed, so they are no longer edited"
_DRAFT = "the demo's survey is published, so its questions are no longer edited"
_DONE = "the demo's meetings are held and their minutes adjusted"
UNREACHED: dict[str, str] = {
    "organisations:document_job": "reached by a document's download link, a file the crawl "
    "does not follow (tests/browser/test_coordinator_downloads_the_period_report.py opens it)",
    "organisations:document_job_file": "a file (a document the worker made)",
    "account_confirm_email": "a link in a mail, with its key",
    "account_reset_password_from_key": "a link in a mail, with its key",
    "usersessions_list": "a session made by force_login is not one of allauth's",
    "dialogue:question_create": _DRAFT,
    "dialogue:question_edit": _DRAFT,
    "dialogue:question_delete": _DRAFT,
    "dialogue:section_create": _DRAFT,
    "dialogue:section_edit": _DRAFT,
    "dialogue:section_delete": _DRAFT,
    "dialogue:thanks": "shown after an answer is sent",
    "incidents:import_job": "the demo has no import waiting",
    "incidents:import_map": "the demo has no import waiting",
    "incidents:statistics_map": "the demo has no statistics import waiting",
    "insights:public_situation_report": "the demo's situation report is not published",
    "meetings:archive_job": "the demo has no archive being imported",
    "meetings:item_edit": _DONE,
    "meetings:item_file_add": _DONE,
    "meetings:minutes_preview": _DONE,
    "meetings:revision_detail": "the demo's minutes have no revisions",
    "organisations:public_logo": "the demo council has no logo of its own",
    "plans:activity_from_decision": "the demo's decisions have activities already",
    "plans:document_preview": "the demo has no plan document being imported",
    "plans:document_job": "the demo has no plan document being read",
    "plans:promise_add": _SIGNED,
    "plans:promise_edit": _SIGNED,
    "plans:promise_set_edit": _SIGNED,
    "plans:promise_set_delete": _SIGNED,
    "plans:promise_set_signatory_add": _SIGNED,
    "webhooks:webhook_detail": "the demo council has no webhook",
    "webhooks:webhook_edit": "the demo council has no webhook",
    "webhooks:webhook_delete": "the demo council has no webhook",
}


def is_file(name: str) -> bool:
    return name.startswith(NOT_PAGES) or name.endswith(FILES)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def starts() -> list[str]:
    """The front page, and every GET page of the matrix that needs no more than the council."""
    addresses = ["/", COUNCIL]
    for name, _kwargs, method, *_ in PAGES:
        if method != "get" or name in NOT_FOLLOWED:
            continue
        for arguments in ({}, {"slug": KOPING_SLUG}):
            try:
                addresses.append(reverse(name, kwargs=arguments))
            except NoReverseMatch:
                continue
    return addresses


def crawl(client: Client) -> tuple[dict[str, str], set[str]]:
    """Follow links from starts(): (url name -> an address of an HTML page), and names seen.

    Each name is fetched up to TRIES times (a meeting without items has no item's link), and
    a name whose answer is not HTML (a PDF, a feed) counts as seen: it is not a page.
    """
    pages: dict[str, str] = {}
    seen: set[str] = set()
    tries: Counter[str] = Counter()
    fetched: set[str] = set()
    queue: deque[str] = deque(starts())
    while queue:
        address = queue.popleft()
        parts = urlsplit(address)
        if parts.netloc and parts.netloc != "testserver":
            continue
        path = parts.path
        name = _url_name(path)
        if name is None or name in pages or name in NOT_FOLLOWED or tries[name] >= TRIES:
            continue
        if path.startswith(("/api/", "/admin/")):
            continue
        if path.startswith("/councils/") and not path.startswith(COUNCIL):
            continue  # another council's pages
        target = path + (f"?{parts.query}" if parts.query else "")
        if target in fetched:
            continue
        fetched.add(target)
        tries[name] += 1
        response = client.get(target)
        if response.status_code != 200:
            continue
        seen.add(name)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        pages[name] = target
        links = _Links()
        links.feed(response.content.decode("utf-8"))
        queue.extend(links.hrefs)
    return pages, seen


# axe's landmark rules are "best practice", outside the WCAG tags every visit checks; a page
# has one main, one banner, and no two landmarks of a kind with the same name.
LANDMARK_RULES = [
    "landmark-unique",
    "landmark-one-main",
    "landmark-no-duplicate-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-main-is-top-level",
    "landmark-complementary-is-top-level",
]


def landmarks(visitor: Visitor) -> str | None:
    """The page's landmark problems, or None."""
    options = {"runOnly": {"type": "rule", "values": LANDMARK_RULES}, "resultTypes": ["violations"]}
    violations = _AXE.run(visitor.page, options=options).response["violations"]
    return format_violations(visitor.page.url, violations) if violations else None


# Each map on a page: keyboard-usable (focusable) and with what it shows in text as well. A map
# that shows figures has a table after it; a walk's drawn route has its list of findings; a map
# that sets a point or route writes into fields one can type in.
MAP_CHECK = """() => {
  const problems = [];
  const after = (element, selector) => [...document.querySelectorAll('main ' + selector)]
    .some(other => element.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING);
  const maps = document.querySelectorAll('.incident-map, [data-map-input], svg.walk-map');
  for (const map of document.querySelectorAll('.incident-map')) {
    if (map.tabIndex < 0) problems.push('a map the keyboard cannot reach: #' + map.id);
    if (!after(map, 'table')) problems.push('a map with no table after it: #' + map.id);
  }
  for (const map of document.querySelectorAll('svg.walk-map')) {
    if (!after(map, 'table, ol, ul')) problems.push('a drawn walk with no list after it');
  }
  for (const input of document.querySelectorAll('[data-map-input]')) {
    const box = input.querySelector('.map-input-map');
    if (!input.hidden && box && box.tabIndex < 0) problems.push('a map input out of reach');
    const d = input.dataset;
    const ids = [d.latitude, d.longitude, d.route, d.placeSelect].filter(Boolean);
    const typed = ids.map(id => document.getElementById(id))
      .filter(field => field && field.type !== 'hidden');
    if (!typed.length) problems.push('a map input with no field to type in: ' + ids.join(', '));
  }
  return [maps.length, problems];
}"""


def maps(visitor: Visitor) -> tuple[int, str | None]:
    """How many maps the page has, and what is wrong with them, or None."""
    count, problems = visitor.page.evaluate(MAP_CHECK)
    return count, f"{visitor.page.url}: {problems}" if problems else None


def overflow(visitor: Visitor) -> str | None:
    """Why the page is wider than the screen, or None when it fits."""
    page = visitor.page
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    if width <= inner:
        return None
    culprits = page.evaluate(
        """(inner) => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > inner
                         && !e.closest('.table-scroll, .visually-hidden, .skip-link'))
            .slice(-4).map(e => e.outerHTML.slice(0, 160))""",
        inner,
    )
    return f"{page.url}: {width} px wide at {inner} px. Too wide: {culprits}"


def test_every_page_fits_a_phone(open_visitor):
    load_demo()
    coordinator_user = User.objects.get(username="samordnare")
    staff = Client()
    staff.force_login(coordinator_user)
    staff_pages, staff_seen = crawl(staff)
    public_pages, _ = crawl(Client())

    # The crawl reached every page the permission matrix lets a coordinator open.
    expected = {
        row[0] for row in PAGES if row[2] == "get" and row[3]["coordinator"] == 200
    } - NOT_FOLLOWED
    missing = sorted(name for name in expected - staff_seen - set(UNREACHED) if not is_file(name))
    assert not missing, f"No link of the demo council leads to these pages: {missing}"
    # A page of UNREACHED that the demo now links to is taken off the list.
    stale = sorted(set(UNREACHED) & staff_seen)
    assert not stale, f"The crawl reaches these now; remove them from UNREACHED: {stale}"

    failures: list[str] = []
    map_pages: list[str] = []
    started = time.monotonic()
    for who, pages in (("coordinator", staff_pages), ("anonymous", public_pages)):
        visitor: Visitor = open_visitor(**PHONE)
        if who == "coordinator":
            visitor.log_in("samordnare", DEMO_PASSWORD)
        for address in pages.values():
            visitor.page.goto(visitor.url(address))
            try:
                visitor.check()
            except AssertionError as error:
                visitor.pending = None
                failures.append(f"[{who}] {error}")
            count, map_problem = maps(visitor)
            if count:
                map_pages.append(address)
            for problem in (overflow(visitor), landmarks(visitor), map_problem):
                if problem:
                    failures.append(f"[{who}] {problem}")
    seconds = time.monotonic() - started
    count = len(staff_pages) + len(public_pages)
    print(f"{count} pages at {WIDTH} px in {seconds:.0f} s; {len(map_pages)} with a map")
    # The map check saw the maps: the dashboard's, the public one, a walk's, the report forms'.
    assert len(map_pages) >= 4, map_pages
    assert not failures, f"{len(failures)} of {count} pages fail:\n" + "\n\n".join(failures)
