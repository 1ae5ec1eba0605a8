"""The upload buffer (core/importing/): an upload waits for its preview, seen only by who
uploaded it in its council, and survives the move of its table from meetings to core."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from conftest import make_user
from samverkan.core.errors import NotFoundError
from samverkan.core.importing.models import PendingImport
from samverkan.core.importing.selectors import pending_import_in, pending_imports_of
from samverkan.core.importing.services import (
    pending_import_create,
    pending_import_delete,
    pending_imports_delete_of,
)


@pytest.mark.django_db
def test_an_upload_is_found_only_by_who_uploaded_it_in_its_council(council, other_council):
    # given
    secretary = make_user("secretary", council, "secretary")
    colleague = make_user("colleague", council, "secretary")
    pending = pending_import_create(
        council_id=council.pk, user=secretary, filename="protokoll.docx", data=b"text"
    )
    # then
    found = pending_import_in(council.pk, pending.pk, secretary.pk)
    assert (found.filename, bytes(found.data)) == ("protokoll.docx", b"text")
    with pytest.raises(NotFoundError):
        pending_import_in(council.pk, pending.pk, colleague.pk)
    with pytest.raises(NotFoundError):
        pending_import_in(other_council.pk, pending.pk, secretary.pk)


@pytest.mark.django_db
def test_a_new_upload_drops_the_users_earlier_one_and_anyones_stale_ones(council):
    # given
    secretary = make_user("secretary", council, "secretary")
    colleague = make_user("colleague", council, "secretary")
    earlier = pending_import_create(council_id=council.pk, user=secretary, filename="a", data=b"a")
    stale = pending_import_create(council_id=council.pk, user=colleague, filename="b", data=b"b")
    PendingImport.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - dt.timedelta(days=2)
    )
    # when
    latest = pending_import_create(council_id=council.pk, user=secretary, filename="c", data=b"c")
    # then
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [latest.pk]
    assert earlier.pk != latest.pk


@pytest.mark.django_db
def test_uploads_are_dropped_one_by_one_or_all_of_a_login(council):
    secretary = make_user("secretary", council, "secretary")
    first = pending_import_create(council_id=council.pk, user=secretary, filename="a", data=b"a")
    pending_import_delete(pending=first)
    assert not PendingImport.objects.exists()
    pending_import_create(council_id=council.pk, user=secretary, filename="b", data=b"b")
    assert [
        p.filename for p in pending_imports_of(user_id=secretary.pk, council_id=council.pk)
    ] == ["b"]
    pending_imports_delete_of(user_id=secretary.pk)
    assert not PendingImport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_upload_waiting_before_the_move_to_core_is_still_there_after_it(council):
    from django.db.migrations.executor import MigrationExecutor

    # given: an upload stored while the buffer was the meetings app's
    secretary = make_user("secretary", council, "secretary")
    before = [("meetings", "0006_decision_kind_elected"), ("core", "0007_mail_sendings")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old.get_model("meetings", "PendingImport").objects.create(
        council_id=council.pk, uploaded_by_id=secretary.pk, filename="protokoll.txt", data=b"x"
    )
    # when
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("core", "0008_pending_import")])
    call_command("migrate", verbosity=0)
    # then: core holds it, and the user can go on to its preview
    pending = pending_import_in(council.pk, PendingImport.objects.get().pk, secretary.pk)
    assert (pending.filename, bytes(pending.data)) == ("protokoll.txt", b"x")
