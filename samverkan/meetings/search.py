"""Full-text search in a council's archive: every agenda item and decision of every year.

PostgreSQL stems Swedish words ("skadegörelsen" finds "skadegörelser") in a stored tsvector per
item (migration 0005); SQLite matches word prefixes in an FTS5 table (migration 0002). Triggers
keep both in step. Both take the same words from the user's query and require every word, in
the item's title, reference number, text or any of its decisions. docs/design/search.md.

This is the internal archive: items not for publication are found too. A public search must
filter them out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from samverkan.meetings.models import AgendaItem, Decision
from samverkan.organisations.models import Body, Council

MAX_TERMS = 8  # words beyond these are ignored; each one costs an index lookup
MAX_QUERY_LENGTH = 500
MIN_PREFIX = 3  # shorter words match whole words only, or "i" would match everything
PASSAGE_LENGTH = 240  # characters of a snippet, about two lines
# The page says "more than" beyond this many items; PostgreSQL ranks only the newest matches,
# one more than this (docs/design/search.md, "Many matches").
MAX_COUNT = 1000

# Private-use characters mark a hit in a snippet until the text is escaped.
_START, _STOP = "\ue000", "\ue001"

# The words as PostgreSQL's Swedish stemmer makes them; stop words ("och") are dropped, and a
# query of stop words alone gives ''.
_POSTGRESQL_TSQUERIES = (
    "SELECT to_tsquery('swedish'::regconfig, %s)::text,"
    " to_tsquery('swedish'::regconfig, %s)::text, to_tsquery('swedish'::regconfig, %s)::text"
)
_POSTGRESQL_SNIPPETS = (
    "SELECT i.id, ts_headline('swedish'::regconfig, concat_ws(' … ', nullif(i.text, ''),"
    " (SELECT string_agg(d.text, ' … ' ORDER BY d.position, d.id) FROM meetings_decision AS d"
    " WHERE d.item_id = i.id)), to_tsquery('swedish'::regconfig, %s), %s)"
    " FROM meetings_agendaitem AS i WHERE i.id = ANY(%s)"
)
_HEADLINE_OPTIONS = (
    f'StartSel="{_START}", StopSel="{_STOP}", MaxWords=30, MinWords=12, MaxFragments=2,'
    ' FragmentDelimiter=" … "'
)


def search_items(
    council: Council,
    query: str,
    *,
    body: Body | None = None,
    year: int | None = None,
    restricted: bool = True,
) -> QuerySet[AgendaItem]:
    """Return the council's items with every word of `query`, best first.

    Best first: a word in the title, then in a decision, then only in the text; newest first
    within each. Any input is safe: search syntax is stripped, and a query without words gives
    no items. On PostgreSQL this runs one query at once (to stem the words); the rest is lazy.
    On PostgreSQL, of more than MAX_COUNT matches only the newest MAX_COUNT + 1 are given.
    The items come with their meeting and body; `search_snippets` gives the marked passages.
    """
    terms = _terms(query)
    items = AgendaItem.objects.filter(meeting__body__council=council).select_related(
        "meeting__body"
    )
    if body is not None:
        items = items.filter(meeting__body=body)
    if year is not None:
        items = items.filter(meeting__date__year=year)
    if not restricted:
        items = items.filter(not_for_publication=False)
    if not terms:
        return items.none()
    if connection.vendor == "postgresql":
        return _postgresql_search(items, terms)
    return _sqlite_search(items, terms)


def search_snippets(items: Sequence[AgendaItem], query: str) -> dict[int, SafeString]:
    """Return, by item id, an escaped passage of the text or decisions with the hits in <mark>.

    One query for the given items: a page of results, not all of them.
    """
    terms = _terms(query)
    if not terms or not items:
        return {}
    if connection.vendor == "postgresql":
        return _postgresql_snippets(items, terms)
    return _sqlite_snippets(items, terms)


def _terms(query: str) -> list[str]:
    """The distinct words of the query, lowercased; quotes, operators and symbols dropped."""
    text = unicodedata.normalize("NFC", query[:MAX_QUERY_LENGTH]).lower()
    words = dict.fromkeys(re.findall(r"[^\W_]+", text))
    return list(words)[:MAX_TERMS]


def _tsquery_term(term: str, *, weight: str = "") -> str:
    """The term in tsquery syntax, a prefix if long enough; with a weight, found only there."""
    # Terms are letters and digits only, so quoting cannot be broken out of.
    prefix = "*" if len(term) >= MIN_PREFIX else ""
    return f"'{term}':{prefix}{weight}" if prefix or weight else f"'{term}'"


def _postgresql_search(items: QuerySet[AgendaItem], terms: list[str]) -> QuerySet[AgendaItem]:
    # Stemmed by PostgreSQL, stop words dropped; constants in the query below, so that the
    # planner can judge how common the words are.
    with connection.cursor() as cursor:
        cursor.execute(
            _POSTGRESQL_TSQUERIES,
            [
                " & ".join(_tsquery_term(term) for term in terms),
                " | ".join(_tsquery_term(term, weight="A") for term in terms),
                " | ".join(_tsquery_term(term, weight="B") for term in terms),
            ],
        )
        every_word, in_title, in_decision = cursor.fetchone() or ("", "", "")
    if not every_word:
        return items.none()
    # Every word in the item's stored document (migration 0005): its title, reference, text and
    # decisions. Only the newest matches are ranked: for a common word PostgreSQL walks the
    # meetings newest first and stops there, where ranking every match read most of the archive.
    newest = (
        items.filter(_document_matches(every_word))
        .order_by("-meeting__date", "-meeting_id", "number")
        .values("pk")[: MAX_COUNT + 1]
    )
    # Weights in the document: A the title, B a decision.
    return _ranked(
        AgendaItem.objects.filter(pk__in=newest)
        .select_related("meeting__body")
        .annotate(
            title_hit=_document_matches(in_title), decision_hit=_document_matches(in_decision)
        )
    )


def _document_matches(tsquery: str) -> RawSQL:
    # The column is not named with its table: in a subquery Django renames the table (to U0),
    # and "meetings_agendaitem" there would mean the outer query's item. No other table of the
    # search has a column of this name.
    return RawSQL("search_document @@ %s::tsquery", [tsquery], output_field=BooleanField())


def _sqlite_search(items: QuerySet[AgendaItem], terms: list[str]) -> QuerySet[AgendaItem]:
    phrases = [f'"{term}"*' if len(term) >= MIN_PREFIX else f'"{term}"' for term in terms]
    any_word = " OR ".join(phrases)
    title_hit = RawSQL(
        "meetings_agendaitem.id IN (SELECT rowid FROM meetings_item_search"
        " WHERE meetings_item_search MATCH %s)",
        [f"{{title}} : ({any_word})"],
        output_field=BooleanField(),
    )
    decision_hit = RawSQL(
        "meetings_agendaitem.id IN (SELECT rowid FROM meetings_item_search"
        " WHERE meetings_item_search MATCH %s)",
        [f"{{decisions}} : ({any_word})"],
        output_field=BooleanField(),
    )
    # Joined, not "id IN (…)": with an IN list SQLite may walk a year's meetings and look up
    # every id of the list in each, which takes seconds for a common word.
    matching = items.extra(
        tables=["meetings_item_search"],
        where=[
            "meetings_item_search.rowid = meetings_agendaitem.id",
            "meetings_item_search MATCH %s",
        ],
        params=[" AND ".join(phrases)],
    )
    return _ranked(matching.annotate(title_hit=title_hit, decision_hit=decision_hit))


def _ranked(items: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
    # A word in the title first, then in a decision, then in the text; newest first in each.
    # Cheap: on SQLite each tier is one index lookup, on PostgreSQL a look at the weights in at
    # most MAX_COUNT + 1 documents; not a score for every match.
    return items.order_by("-title_hit", "-decision_hit", "-meeting__date", "-meeting_id", "number")


def _postgresql_snippets(items: Sequence[AgendaItem], terms: list[str]) -> dict[int, SafeString]:
    tsquery = " | ".join(_tsquery_term(term) for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(_POSTGRESQL_SNIPPETS, [tsquery, _HEADLINE_OPTIONS, [i.pk for i in items]])
        return {pk: _marked(text) for pk, text in cursor.fetchall()}


def _sqlite_snippets(items: Sequence[AgendaItem], terms: list[str]) -> dict[int, SafeString]:
    # FTS5's snippet() re-runs a prefix query for every row it is asked about, which costs
    # milliseconds per row for a common word; marking the words here costs next to nothing.
    decisions: dict[int, list[str]] = defaultdict(list)
    rows = Decision.objects.filter(item__in=[item.pk for item in items]).order_by(
        "item_id", "position", "id"
    )
    for item_id, text in rows.values_list("item_id", "text"):
        decisions[item_id].append(text)
    hit = re.compile(
        "|".join(
            rf"(?<!\w){re.escape(term)}\w*"
            if len(term) >= MIN_PREFIX
            else rf"(?<!\w){re.escape(term)}(?!\w)"
            for term in terms
        ),
        re.IGNORECASE,
    )
    return {item.pk: _passage([item.text, *decisions[item.pk]], hit) for item in items}


def _passage(texts: list[str], hit: re.Pattern[str]) -> SafeString:
    """About PASSAGE_LENGTH characters of the first text with a hit, from a little before it."""
    text, first = texts[0], None
    for candidate in texts:
        first = hit.search(candidate)
        if first is not None:
            text = candidate
            break
    start = 0
    if first is not None and first.start() > PASSAGE_LENGTH // 3:
        start = text.rfind(" ", 0, first.start() - PASSAGE_LENGTH // 4) + 1
    end = len(text)
    if end - start > PASSAGE_LENGTH:
        end = text.rfind(" ", start, start + PASSAGE_LENGTH)
        end = end if end > start else start + PASSAGE_LENGTH
    marked = hit.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", text[start:end])
    return _marked(("…" if start else "") + marked + ("…" if end < len(text) else ""))


def _marked(raw: str) -> SafeString:
    """Escape the passage and put the hits, between the markers, in <mark> elements."""
    pieces: list[str | SafeString] = []
    inside = False
    for piece in re.split(f"([{_START}{_STOP}])", raw):
        if piece in (_START, _STOP):
            inside = piece == _START
        elif piece:
            pieces.append(format_html("<mark>{}</mark>", piece) if inside else piece)
    return format_html_join("", "{}", ((piece,) for piece in pieces))
