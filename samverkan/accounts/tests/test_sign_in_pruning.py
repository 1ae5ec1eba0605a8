"""Sign-ins are kept for 90 days, at most 100 per login, and a login's last 20 whatever their
age: a daily job of the schedule (`prune-sign-ins`) forgets the rest."""

from __future__ import annotations

import datetime as dt

from samverkan.accounts.models import SignIn
from samverkan.core.schedule import jobs

NOW = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)


def sign_ins(user, count: int, *, days_ago: int) -> None:
    made = SignIn.objects.bulk_create(
        SignIn(user=user, method="password", outcome="succeeded") for _ in range(count)
    )
    SignIn.objects.filter(pk__in=[s.pk for s in made]).update(at=NOW - dt.timedelta(days=days_ago))


def prune() -> str:
    (job,) = [job for job in jobs() if job.name == "prune-sign-ins"]
    return job.function(NOW)


def test_old_sign_ins_go_but_a_logins_last_twenty_stay(users):
    # given a member who signed in 30 times long ago and 5 times lately
    member = users["member"]
    sign_ins(member, 30, days_ago=200)
    sign_ins(member, 5, days_ago=3)
    # and a coordinator who signed in 10 times, long ago only
    sign_ins(users["coordinator"], 10, days_ago=400)
    # when
    summary = prune()
    # then the member keeps the 5 recent and 15 old ones (20 in all), the coordinator all 10
    assert summary == "15 sign-ins deleted"
    assert SignIn.objects.filter(user=member).count() == 20
    assert SignIn.objects.filter(user=member, at__gte=NOW - dt.timedelta(days=90)).count() == 5
    assert SignIn.objects.filter(user=users["coordinator"]).count() == 10


def test_a_flood_of_attempts_at_one_login_keeps_only_its_last_hundred(users):
    sign_ins(users["secretary"], 150, days_ago=1)
    sign_ins(None, 7, days_ago=100)  # names that are no login's
    sign_ins(None, 2, days_ago=1)
    prune()
    assert SignIn.objects.filter(user=users["secretary"]).count() == 100
    assert SignIn.objects.filter(user=None).count() == 2


def test_nothing_to_prune_deletes_nothing(users):
    sign_ins(users["member"], 3, days_ago=1)
    assert prune() == "0 sign-ins deleted"
    assert SignIn.objects.count() == 3
