"""A person's login in their data: what it holds, and how it is closed when they are erased
(registered with organisations/personal_data.py)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.models import ApiToken, CouncilRole, LoginCredentials, SignIn
from samverkan.accounts.selectors import mail_choices_of, sessions_of
from samverkan.accounts.services import user_sessions_end
from samverkan.core.audit import Actor, audit_change, audit_update, snapshot
from samverkan.core.models import Feedback, MailSending, MailStatus
from samverkan.organisations.models import Council, Person
from samverkan.organisations.personal_data import Section, collects, erases, plain

LAST_SIGN_INS = 20
LAST_MAILS = 50


def _mail_choices_text(user: User) -> str:
    choices = mail_choices_of(user)
    return "; ".join(
        [
            f"{choices._meta.get_field('minutes_approval').verbose_name}: "
            f"{_('yes') if choices.minutes_approval else _('no')}",
            f"{choices._meta.get_field('moderation').verbose_name}: "
            f"{choices.get_moderation_display()}",
            f"{choices._meta.get_field('report_reminders').verbose_name}: "
            f"{_('yes') if choices.report_reminders else _('no')}",
        ]
    )


@collects(
    "accounts.CouncilRole",
    "accounts.ApiToken",
    "socialaccount.SocialAccount",
    "mfa.Authenticator",
    "account.EmailAddress",
    "accounts.LoginCredentials",
    "usersessions.UserSession",
    "accounts.SignIn",
    # Django admin's change log: the console writes none (its changes are services, audited).
    "admin.LogEntry",
    # Names only the site administrator who handled it (the sender is tied to no login).
    "core.Feedback",
    "accounts.MailChoices",
    "core.MailSending",
)
def _login(person: Person, council: Council) -> list[Section]:
    section = Section(
        "login",
        _("Login"),
        [
            ("username", _("user name")),
            ("first_name", _("first name")),
            ("last_name", _("last name")),
            ("email", _("e-mail")),
            ("active", _("active")),
            ("joined", _("created")),
            ("last_login", _("last logged in")),
            ("role", _("role in the council")),
            ("api_tokens", _("API tokens")),
            ("email_addresses", _("e-mail addresses of the login")),
            ("second_factors", _("second factors")),
            ("single_sign_on", _("signs in through")),
            ("credentials", _("set by its holder through")),
            ("sessions", _("open sessions")),
            ("sign_ins", _("last sign-ins")),
            ("feedback_handled", _("accessibility feedback handled")),
            ("mail_choices", _("e-mail choices")),
            ("mails", _("e-mails sent to the login")),
        ],
        kept=_(
            "The user name is kept as who did what in the audit trail; the login is deactivated "
            "and its name and e-mail address are blanked."
        ),
    )
    user = person.user
    if user is not None:
        role = CouncilRole.objects.filter(user=user, council=council).first()
        credentials = LoginCredentials.objects.filter(user=user).first()
        section.rows.append(
            {
                "username": user.get_username(),
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "active": user.is_active,
                "joined": plain(user.date_joined),
                "last_login": plain(user.last_login),
                "role": role.get_role_display() if role else "",
                "api_tokens": ApiToken.objects.filter(user=user).count(),
                "email_addresses": ", ".join(
                    f"{address.email} ({_('verified') if address.verified else _('not verified')})"
                    for address in EmailAddress.objects.filter(user=user).order_by("pk")
                ),
                # The kind and dates of each method, never its secret.
                "second_factors": ", ".join(
                    f"{authenticator.get_type_display()} ({plain(authenticator.created_at)})"
                    for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
                ),
                "single_sign_on": ", ".join(
                    SocialAccount.objects.filter(user=user).values_list("provider", flat=True)
                ),
                "credentials": credentials.get_set_by_display() if credentials else "",
                # A count: where and with which browser are on Mitt konto, for the login itself.
                "sessions": sessions_of(user).count(),
                "sign_ins": "; ".join(
                    f"{plain(s.at)} {s.get_outcome_display()}"
                    for s in SignIn.objects.filter(user=user)[:LAST_SIGN_INS]
                ),
                "feedback_handled": Feedback.objects.filter(handled_by=user).count(),
                "mail_choices": _mail_choices_text(user),
                # When and what about; the texts are not kept once sent.
                "mails": "; ".join(
                    f"{plain(m.created_at)} {m.subject} ({m.get_status_display()})"
                    for m in MailSending.objects.filter(recipient=user)[:LAST_MAILS]
                ),
            }
        )
    return [section]


@erases
def _close_login(actor: Actor, person: Person, council: Council) -> None:
    """Deactivate the login, blank its personal fields, end its sessions, revoke its tokens.

    The event records that it happened, not the names and address it removed."""
    user = person.user
    if user is None:
        return
    user = User.objects.select_for_update().get(pk=user.pk)
    was_active = user.is_active
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    # The login's addresses and second factors go with it: nobody signs in to it again.
    addresses = EmailAddress.objects.filter(user=user).delete()[0]
    factors = Authenticator.objects.filter(user=user).delete()[0]
    ended = user_sessions_end(actor=actor, user=user, council_id=council.pk)
    # The links to identity providers hold what the provider said of the person.
    unlinked, _counts = SocialAccount.objects.filter(user=user).delete()
    audit_change(
        actor=actor,
        instance=user,
        changes={
            "is_active": [was_active, False],
            "personal_fields_blanked": [None, True],
            "sessions_ended": [None, ended],
            "email_addresses_removed": [None, addresses],
            "second_factors_removed": [None, factors],
            **({"single_sign_on_links_removed": [None, unlinked]} if unlinked else {}),
        },
        council_id=council.pk,
    )
    # Mails still waiting for the login are not sent to an erased person.
    MailSending.objects.filter(
        recipient=user, status__in=[MailStatus.QUEUED, MailStatus.SENDING]
    ).update(status=MailStatus.FAILED, address="", body="", error="erased")
    for token in ApiToken.objects.filter(user=user, revoked_at__isnull=True):
        before = snapshot(token)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_update(actor=actor, instance=token, before=before, council_id=council.pk)
