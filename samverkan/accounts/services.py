"""Writes for logins, council roles and API tokens."""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from samverkan.accounts.models import (
    DEFAULT_SECOND_FACTOR_ROLES,
    ApiScope,
    ApiToken,
    CouncilRole,
    CredentialsSetBy,
    LoginCredentials,
    MailChoices,
    ModerationMail,
    Role,
    SecondFactorPolicy,
)
from samverkan.core.audit import (
    MASK,
    Actor,
    audit_change,
    audit_create,
    audit_delete,
    audit_update,
    snapshot,
)
from samverkan.core.errors import ServiceError
from samverkan.core.mail import mail_queue
from samverkan.organisations.models import Council, Person
from samverkan.organisations.services import person_link_user

TOKEN_PREFIX_LENGTH = 8
security_log = logging.getLogger("samverkan.security")

# Checks that may refuse linking a login to a person, each answering its refusal or None. Apps
# above this floor add theirs when they start (meetings: the one who froze minutes may not link
# a login to one of their approvers, `meetings.services.adjustment.link_refusal`).
LinkGuard = Callable[[Actor, Person], str | None]
link_guards: list[LinkGuard] = []


class InvitationTokens(PasswordResetTokenGenerator):
    """One-time links of invitations: spent once the password is set (its hash is in the token),
    and valid for PASSWORD_RESET_TIMEOUT (three days)."""

    key_salt = "samverkan.accounts.invitation"


invitation_tokens = InvitationTokens()


def user_create(
    *,
    actor: Actor,
    username: str,
    password: str | None,
    email: str = "",
    is_site_admin: bool = False,
    council_id: int | None = None,
) -> User:
    """Create a login; `council_id` is the council whose page created it, for its trail.

    Without a password the login has none anyone knows until its holder sets one (an
    invitation, `user_invite`).
    """
    username = username.strip()
    if not username:
        raise ServiceError(_("Give a user name."), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError(_("That user name is taken."), field="username")
    user = User(
        username=username, email=email.strip(), is_superuser=is_site_admin, is_staff=is_site_admin
    )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ServiceError(" ".join(exc.messages), field="password") from exc
        user.set_password(password)
    with transaction.atomic():
        user.save()
        audit_create(actor=actor, instance=user, council_id=council_id)
    return user


def council_role_grant(*, actor: Actor, council: Council, user: User, role: str) -> CouncilRole:
    """Give the login this role in the council, replacing any role it had there."""
    if role not in Role.values:
        raise ServiceError(_("Choose a valid role."), field="role")
    with transaction.atomic():
        existing = (
            CouncilRole.objects.select_for_update().filter(council=council, user=user).first()
        )
        if existing is None:
            granted = CouncilRole.objects.create(council=council, user=user, role=role)
            audit_create(actor=actor, instance=granted, council_id=council.pk)
            return granted
        before = snapshot(existing)
        existing.role = role
        existing.save()
        audit_update(actor=actor, instance=existing, before=before, council_id=council.pk)
        return existing


def council_role_revoke(*, actor: Actor, council_role: CouncilRole) -> None:
    """Revoke the role and end the login's sessions, so that it signs in again afresh."""
    with transaction.atomic():
        audit_delete(actor=actor, instance=council_role, council_id=council_role.council_id)
        council_role.delete()
        user_sessions_end(actor=actor, user=council_role.user, council_id=council_role.council_id)


def user_sessions_end(
    *,
    actor: Actor,
    user: User,
    session_ids: list[int] | None = None,
    keep_key: str | None = None,
    council_id: int | None = None,
) -> int:
    """End the login's sessions (those of `session_ids` only, if given; never `keep_key`, the
    caller's own) and return how many; audited on the login when any ended.

    Every path that deactivates a login or takes its rights ends its sessions here. Sessions
    opened before allauth.usersessions tracked them are not listed, but a deactivated login's
    are refused anyway (Django authenticates no inactive login).
    """
    tracked = UserSession.objects.filter(user=user)
    if session_ids is not None:
        tracked = tracked.filter(pk__in=session_ids)
    if keep_key is not None:
        tracked = tracked.exclude(session_key=keep_key)
    with transaction.atomic():
        keys = list(tracked.values_list("session_key", flat=True))
        if not keys:
            return 0
        Session.objects.filter(session_key__in=keys).delete()
        UserSession.objects.filter(session_key__in=keys).delete()
        audit_change(
            actor=actor,
            instance=user,
            changes={"sessions_ended": [None, len(keys)]},
            council_id=council_id,
        )
    return len(keys)


def user_deactivate(*, actor: Actor, user: User, council_id: int | None) -> User:
    """Deactivate the login and end its sessions at once."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
            audit_change(
                actor=actor,
                instance=user,
                changes={"is_active": [True, False]},
                council_id=council_id,
            )
        user_sessions_end(actor=actor, user=user, council_id=council_id)
    return user


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(
    *, user: User, name: str, scopes: Iterable[str] = ApiScope.values
) -> tuple[ApiToken, str]:
    """Create a token with its scopes and return it with its key; the key is shown once and
    never stored."""
    chosen = [scope for scope in ApiScope.values if scope in set(scopes)]
    if not chosen:
        raise ServiceError(_("Choose at least one thing the token may do."), field="scopes")
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip()[:100] or "api",
            prefix=key[:TOKEN_PREFIX_LENGTH],
            key_hash=_hash(key),
            scopes=" ".join(chosen),
        )
        audit_create(actor=user, instance=token, council_id=None)
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    with transaction.atomic():
        before = snapshot(token)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_update(actor=token.user, instance=token, before=before, council_id=None)


def api_token_find(key: str) -> ApiToken | None:
    """The active token of the key, of an active login, or None; its last use is noted."""
    if len(key) < TOKEN_PREFIX_LENGTH:
        return None
    candidates = ApiToken.objects.filter(
        prefix=key[:TOKEN_PREFIX_LENGTH], revoked_at__isnull=True
    ).select_related("user")
    digest = _hash(key)
    for token in candidates:
        if secrets.compare_digest(token.key_hash, digest) and token.user.is_active:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
            return token
    return None


def api_token_user(key: str) -> User | None:
    """Return the active user that owns the key, or None."""
    token = api_token_find(key)
    return token.user if token is not None else None


def user_set_password(*, actor: Actor, user: User, password: str) -> None:
    """Set the login's password (its holder, by a reset link or on the account page).

    The trail records that it was set and by whom, never the password or its hash.
    """
    user.set_password(password)
    with transaction.atomic():
        user.save(update_fields=["password"])
        audit_change(
            actor=actor, instance=user, changes={"password": [MASK, MASK]}, council_id=None
        )
        by_holder = actor is not None and actor.is_authenticated and actor.pk == user.pk
        login_credentials_set(user=user, how=CredentialsSetBy.PASSWORD if by_holder else None)


def user_unset_password(*, actor: Actor, user: User) -> None:
    """Switch the login's password off (it signs in through its provider, or sets a new one by
    a reset link to its address): audited as a change of `password`, never showing it."""
    if not user.has_usable_password():
        return
    user.set_unusable_password()
    with transaction.atomic():
        user.save(update_fields=["password"])
        audit_change(
            actor=actor, instance=user, changes={"password": [MASK, None]}, council_id=None
        )


def user_invite(
    *,
    actor: Actor,
    council: Council,
    username: str,
    email: str,
    role: str,
    site_url: str,
    person: Person | None = None,
) -> User:
    """Create a login without a password, give it the role, and mail its holder a one-time link.

    The holder sets the password (`invitation_accept`): the coordinator never knows it. The mail
    goes once the transaction commits. `site_url` is the address the link starts with. With
    `person`, the login is linked to the council's record of them, unless a link guard refuses.
    """
    email = email.strip()
    if not email:
        raise ServiceError(_("Give the e-mail address the invitation goes to."), field="email")
    if person is not None:
        person_link_check(actor=actor, person=person, username=username, council_id=council.pk)
    with transaction.atomic():
        user = user_create(
            actor=actor, username=username, password=None, email=email, council_id=council.pk
        )
        if person is not None:
            person_link_user(actor=actor, person=person, user=user)
        council_role = council_role_grant(actor=actor, council=council, user=user, role=role)
        audit_change(
            actor=actor,
            instance=user,
            changes={"invitation": [None, email]},
            council_id=council.pk,
        )
        link = site_url.rstrip("/") + reverse(
            "accounts:invitation_accept",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": invitation_tokens.make_token(user),
            },
        )
        subject = _("Invitation to Samverkan")
        body = _(
            "You are invited to %(council)s as %(role)s. Your user name is %(username)s.\n\n"
            "Choose your own password here; the link works once, within three days:\n"
            "%(link)s\n\n"
            "Nobody else knows your password. If you did not expect this mail, ignore it."
        ) % {
            "council": council.name,
            "role": council_role.get_role_display(),
            "username": user.get_username(),
            "link": link,
        }
        # Sent by the worker once the login and its role are saved; tried again while the mail
        # server is away.
        mail_queue(kind="invitation", to=email, subject=subject, body=body, recipient=user)
    return user


def invitation_user(uidb64: str, token: str) -> User | None:
    """The login an invitation link is for, while the link holds; None for a spent or bad one."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or user.has_usable_password():
        return None
    if not invitation_tokens.check_token(user, token):
        return None
    return user


def invitation_accept(*, user: User, password: str) -> User:
    """The invited person sets their own password; the link is spent with it."""
    if user.has_usable_password():
        raise ServiceError(_("This invitation has been used already."))
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), field="new_password1") from exc
    user_set_password(actor=user, user=user, password=password)
    return user


def second_factor_policy_set(
    *,
    actor: Actor,
    council: Council,
    roles: list[str],
    accepts_provider_second_factor: bool | None = None,
) -> SecondFactorPolicy:
    """Choose the roles of the council whose logins must sign in with a second factor, and
    whether an identity provider's second factor counts (None leaves that as it is)."""
    if any(role not in Role.values for role in roles):
        raise ServiceError(_("Choose a valid role."), field="roles")
    chosen = [role for role in Role.values if role in roles]
    with transaction.atomic():
        policy = SecondFactorPolicy.objects.select_for_update().filter(council=council).first()
        if policy is None:
            policy = SecondFactorPolicy.objects.create(
                council=council,
                roles=chosen,
                accepts_provider_second_factor=(
                    True
                    if accepts_provider_second_factor is None
                    else accepts_provider_second_factor
                ),
            )
            audit_create(actor=actor, instance=policy, council_id=council.pk)
            return policy
        before = snapshot(policy)
        policy.roles = chosen
        if accepts_provider_second_factor is not None:
            policy.accepts_provider_second_factor = accepts_provider_second_factor
        policy.save()
        audit_update(actor=actor, instance=policy, before=before, council_id=council.pk)
    return policy


def second_factor_roles(council: Council) -> list[str]:
    """The roles of the council that must sign in with a second factor."""
    policy = SecondFactorPolicy.objects.filter(council=council).first()
    return list(policy.roles) if policy is not None else list(DEFAULT_SECOND_FACTOR_ROLES)


def second_factor_accepts_provider(council: Council) -> bool:
    """Whether the council counts a second factor asserted by an identity provider."""
    policy = SecondFactorPolicy.objects.filter(council=council).first()
    return policy.accepts_provider_second_factor if policy is not None else True


def login_credentials_set(*, user: User, how: str | None) -> None:
    """Record how the login's holder set its credentials (`CredentialsSetBy`), or, with None,
    that someone else did (a password typed for them): its approvals then stop counting.

    Called by `user_set_password` (invitation, reset, Mitt konto) and by single sign-on when it
    links a login (how="sso"). Audited on the login.
    """
    if how is not None and how not in CredentialsSetBy.values:
        raise ValueError(f"unknown way of setting credentials: {how}")
    with transaction.atomic():
        current = LoginCredentials.objects.select_for_update().filter(user=user).first()
        before = current.set_by if current is not None else None
        if before == how:
            return
        if how is None:
            LoginCredentials.objects.filter(user=user).delete()
        elif current is None:
            LoginCredentials.objects.create(user=user, set_by=how)
        else:
            current.set_by = how
            current.save(update_fields=["set_by", "updated_at"])
        audit_change(
            actor=None, instance=user, changes={"credentials": [before, how]}, council_id=None
        )


def login_credentials_held(user: User) -> bool:
    """Whether the login's holder set its credentials themselves (only they know them)."""
    return LoginCredentials.objects.filter(user=user).exists()


def login_unlock(*, actor: Actor, user: User) -> int:
    """Lift the login's lockout: forget the failures counted against its name; audited."""
    from samverkan.accounts import login_limit

    with transaction.atomic():
        dropped = login_limit.unlock(user.get_username())
        audit_change(
            actor=actor, instance=user, changes={"unlocked": [None, True]}, council_id=None
        )
    return dropped


def user_second_factor_reset(*, actor: Actor, user: User) -> int:
    """Remove the login's second factor (its app and recovery codes), for a holder who lost
    both; they enrol again at their next sign-in where their role requires it. Audited."""
    with transaction.atomic():
        removed, _by_model = Authenticator.objects.filter(user=user).delete()
        removed = int(removed)
        audit_change(
            actor=actor,
            instance=user,
            changes={"second_factor": [MASK, None]},
            council_id=None,
        )
    return removed


def person_link_check(*, actor: Actor, person: Person, username: str, council_id: int) -> None:
    """Refuse to link a login to the person when a link guard says no; the refusal is audited.

    Runs before the link's own transaction, so that the refusal stays in the trail.
    """
    for guard in link_guards:
        refusal = guard(actor, person)
        if refusal:
            with transaction.atomic():
                audit_change(
                    actor=actor,
                    instance=person,
                    changes={"login_link_refused": [None, username.strip()]},
                    council_id=council_id,
                )
            security_log.warning("link of a login to a person refused: %s", username.strip())
            raise ServiceError(refusal, field="person")


def mail_choices_change(
    *,
    actor: User,
    user: User,
    minutes_approval: bool,
    moderation: str,
    report_reminders: bool = True,
) -> MailChoices:
    """Save what a login wants by e-mail (only the login itself chooses)."""
    if actor.pk != user.pk:
        raise ServiceError(_("Only you choose which e-mails you receive."))
    if moderation not in ModerationMail.values:
        raise ServiceError(
            _("Choose how often you hear of reports to moderate."), field="moderation"
        )
    with transaction.atomic():
        choices = MailChoices.objects.select_for_update().filter(user=user).first()
        if choices is None:
            choices = MailChoices(
                user=user,
                minutes_approval=minutes_approval,
                moderation=moderation,
                report_reminders=report_reminders,
            )
            choices.save()
            audit_create(actor=actor, instance=choices, council_id=None)
            return choices
        before = snapshot(choices)
        choices.minutes_approval = minutes_approval
        choices.moderation = moderation
        choices.report_reminders = report_reminders
        choices.save()
        audit_update(actor=actor, instance=choices, before=before, council_id=None)
    return choices
