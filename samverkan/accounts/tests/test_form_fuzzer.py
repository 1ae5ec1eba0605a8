"""Every route of the permission matrix, posted to as every role with hypothesis-made values for
its form's fields: no answer is a server error, and no exception escapes.

The routes and roles are the matrix's (`matrix.py` and the `permission_rows*.py` of each app),
so a new route is fuzzed as soon as it has its row. A form's fields are read from the page
itself (input, select, textarea and named buttons of its POST forms) as the first role allowed
to see it renders it; a route that is only posted to takes its fields from the row's POST data
and from the forms of other pages that post to it. The values are what users and scripts send
by mistake or on purpose: control characters, very long text, numbers beyond 64 bits, negative
numbers, dates out of range, unknown choices, lists for single fields, empty values.

Bounded and deterministic: a few examples per route and role allowed to post, one per role
refused, each role's drawn from its own fixed seed.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from samverkan.accounts.tests import matrix
from samverkan.accounts.tests.test_permission_matrix import PAGES

ROLES = matrix.ROLES
EXAMPLES_ALLOWED = 2
EXAMPLES_REFUSED = 1

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\t\x0b\x0c\x1b[31m",
    "\u202e\u200b\ufeff",
    "\ufffd\x80\x9f",
    "x" * 20_000,
    "99999999999999999999",
    str(2**63),
    "-9223372036854775809",
    "-1",
    "0",
    "1e400",
    "nan",
    "-0.0",
    "99999-12-31",
    "0000-00-00",
    "2026-02-30",
    "31/12/1899",
    "10000-01-01T25:61",
    "'; drop table x; --",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "../../etc/passwd",
    "nope",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ åäö",
]
TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]),  # the client sends UTF-8
    max_size=30,
)


@dataclass
class Form:
    """The fields of the POST forms of a page that post to one address."""

    fields: dict[str, list[str]] = field(default_factory=dict)  # name: the values offered
    files: set[str] = field(default_factory=set)


class _FormReader(HTMLParser):
    """Read every POST form of a page: its address and its fields' names and offered values."""

    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: dict[str, Form] = {}
        self._current: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() != "post":
                self._current = None
                return
            action = urlsplit(a.get("action") or self.page_path).path or self.page_path
            self._current = self.forms.setdefault(action, Form())
            return
        if self._current is None or not a.get("name"):
            if tag == "option" and self._current is not None and self._select:
                self._current.fields[self._select].append(a.get("value", ""))
            return
        name = a["name"]
        values = self._current.fields.setdefault(name, [])
        if tag == "input" and a.get("type") == "file":
            self._current.files.add(name)
        elif tag in {"input", "button", "textarea"}:
            values.append(a.get("value", ""))
        elif tag == "select":
            self._select = name

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def _forms_of(path: str, html: str) -> dict[str, Form]:
    reader = _FormReader(path)
    reader.feed(html)
    return reader.forms


# What the pages rendered so far showed: address -> the fields of the forms posting to it.
SEEN: dict[str, Form] = {}


def _value(offered: list[str]) -> st.SearchStrategy[Any]:
    single = st.one_of(
        st.sampled_from(NASTY),
        TEXT,
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        *([st.sampled_from(offered)] if offered else []),
    )
    return st.one_of(single, single, st.lists(single, min_size=2, max_size=3))


def _data(form: Form) -> st.SearchStrategy[dict[str, Any]]:
    """Any subset of the form's fields, each with an odd value, and a junk file per file field."""
    optional: dict[str, st.SearchStrategy[Any]] = {
        name: _value(offered) for name, offered in form.fields.items()
    }
    for name in form.files:
        optional[name] = st.sampled_from([b"", b"\x00\xff\xfe junk", b"PK\x03\x04" + b"\0" * 40])
    every = st.fixed_dictionaries(optional)
    return st.one_of(every, every, st.fixed_dictionaries({}, optional=optional))


def _with_files(data: dict[str, Any]) -> dict[str, Any]:
    return {
        name: SimpleUploadedFile("fuzz.bin", value) if isinstance(value, bytes) else value
        for name, value in data.items()
    }


def _routes() -> list[Any]:
    """Every route of the matrix once (a name may have a GET and a POST row)."""
    rows: dict[tuple[str, str], Any] = {}
    for row in PAGES:
        rows.setdefault((row[0], row[2]), row)
    return [pytest.param(row, id=f"{row[0]}-{row[2]}") for row in rows.values()]


def _fields_of(client: Any, url: str) -> Form:
    """The fields of the forms on the page that post to `url`, and of those on pages before."""
    page = client.get(url)
    assert page.status_code < 500
    if page.status_code == 200 and "html" in page.get("Content-Type", ""):
        for action, form in _forms_of(url, page.content.decode(errors="replace")).items():
            known = SEEN.setdefault(action, Form())
            for field_name, offered in form.fields.items():
                known.fields.setdefault(field_name, []).extend(offered)
            known.files |= form.files
    return SEEN.get(url, Form())


@pytest.mark.parametrize("row", _routes())
def test_no_post_answers_a_server_error(world, db, client, row):
    # given: the route's address and its form's fields, read as the first role allowed
    users, ids_by_role, _shared = world
    name, kwargs, method, expected = row[:4]
    allowed = sorted(
        (role for role in ROLES if expected[role] == 200), key=lambda r: r != "site_admin"
    )
    shared_url = reverse(name, kwargs=kwargs(ids_by_role["site_admin"]))
    form = Form()
    if method == "get" and allowed:
        if users[allowed[0]] is not None:
            client.force_login(users[allowed[0]])
        form = _fields_of(client, shared_url)
        client.logout()
    else:
        form = SEEN.get(shared_url, Form())
    if len(row) > 4:
        for field_name, value in row[4](ids_by_role["site_admin"]).items():
            form.fields.setdefault(field_name, []).append(str(value))
    if not form.fields and not form.files:
        return  # no form posts to this route
    # when / then: each role posts
    for role in ROLES:
        _posts_as(
            client,
            users[role],
            reverse(name, kwargs=kwargs(ids_by_role[role])),
            form,
            examples=EXAMPLES_ALLOWED if role in allowed else EXAMPLES_REFUSED,
        )


def _posts_as(client: Any, user: Any, url: str, form: Form, *, examples: int) -> None:
    client.logout()
    if user is not None:
        client.force_login(user)

    @seed(zlib.crc32(url.encode()) + (user.pk if user else 0))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=_data(form))
    def posts(data: dict[str, Any]) -> None:
        response = client.post(url, _with_files(data))
        assert response.status_code < 500, (url, user, data)

    posts()
