"""`samverkan open311-key`: a key is printed once, only its hash is kept, and it can be revoked."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from samverkan.incidents.models import Open311Key
from samverkan.incidents.open311.keys import key_check


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("open311_key", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_create_prints_a_key_once_and_keeps_only_its_hash():
    # when
    printed = run("create", "Fixa min gata")
    # then
    key = printed.splitlines()[1]
    record = Open311Key.objects.get()
    assert record.name == "Fixa min gata"
    assert key_check(key) == record
    assert key not in record.key_hash
    assert key not in run("list")
    assert "Fixa min gata" in run("list")


@pytest.mark.django_db
def test_a_revoked_key_no_longer_works():
    key = run("create", "App").splitlines()[1]
    run("revoke", "App")
    assert key_check(key) is None
    assert "revoked" in run("list")
    with pytest.raises(CommandError):
        run("revoke", "App")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [("revoke", "Nobody"), ("create", "   "), ("create", "x" * 101), ("frobnicate",)],
)
def test_bad_commands_are_refused(args):
    with pytest.raises(CommandError):
        run(*args)


@pytest.mark.django_db
def test_names_are_unique():
    run("create", "App")
    with pytest.raises(CommandError):
        run("create", "App")
    assert Open311Key.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "short", "x" * 10_000, "abcdefgh\x00ijk", "abcdefgh ijk"])
def test_keys_of_the_wrong_length_are_refused_without_a_query(key, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert key_check(key) is None
