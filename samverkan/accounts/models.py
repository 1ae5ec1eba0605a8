"""Logins, their roles in councils, and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel
from samverkan.organisations.models import Council


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")
    REPORTER = "reporter", _("reporter")
    VIEWER = "viewer", _("viewer")


class CouncilRole(TimeStampedModel):
    """What a login may do in one council. A login may hold roles in several councils."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.CASCADE,
        related_name="council_roles",
    )
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["council__name", "user__username"]
        verbose_name = _("council role")
        verbose_name_plural = _("council roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "council"], name="one_role_per_user_and_council"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()}: {self.get_role_display()}"


class ApiScope(models.TextChoices):
    """What a token may do: read, and write per area (docs/formats/api.md)."""

    READ = "read", _("read everything the login may read")
    WRITE_STATUS = "write:status", _("report the status of activities")
    WRITE_INCIDENTS = "write:incidents", _("report incidents")
    WRITE_REGISTRY = "write:registry", _("change the organisation registry")


# What a token made before scopes could do, and what api_token_create gives when not told.
ALL_SCOPES = " ".join(ApiScope.values)


class ApiToken(TimeStampedModel):
    """A bearer token for the JSON API. Only a hash of the key is kept.

    `scopes` are ApiScope values separated by spaces, as OAuth writes them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=128)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    scopes = models.CharField(_("scopes"), max_length=200, default=ALL_SCOPES)

    class Meta:
        ordering = ["-created_at"]

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()

    def has_scope(self, scope: str) -> bool:
        return scope in self.scope_list

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


# Roles that must sign in with a second factor unless the council says otherwise.
DEFAULT_SECOND_FACTOR_ROLES = [Role.COORDINATOR.value, Role.SECRETARY.value]


class SecondFactorPolicy(TimeStampedModel):
    """The roles of a council whose logins must sign in with a second factor.

    A council without one follows DEFAULT_SECOND_FACTOR_ROLES.
    """

    council = models.OneToOneField(
        Council,
        verbose_name=_("council"),
        on_delete=models.CASCADE,
        related_name="second_factor_policy",
    )
    roles = models.JSONField(_("roles that must use a second factor"), default=list)
    # A sign-in through the organisation's identity provider that says it used a second factor
    # (OpenID Connect's amr, SAML's AuthnContextClassRef) needs none of its own here.
    accepts_provider_second_factor = models.BooleanField(
        _("a second factor at the organisation's sign-in counts"), default=True
    )

    class Meta:
        ordering = ["council__name"]

    def __str__(self) -> str:
        return f"{self.council}: {', '.join(self.roles)}"


class CredentialsSetBy(models.TextChoices):
    """How a login's holder came to hold its credentials themselves."""

    PASSWORD = "password", _("own password")  # an invitation, a reset link or Mitt konto
    SSO = "sso", _("single sign-on")
    DEMO = "demo", _("demo persona")


class LoginCredentials(TimeStampedModel):
    """That the login's credentials were set by its holder, and how (`login_credentials_set`).

    A login without one has a password someone else typed (or none): it may work, but its
    approvals of minutes do not count (docs/design/identity.md, four eyes).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.CASCADE,
        related_name="credentials",
    )
    set_by = models.CharField(
        _("set by its holder through"), max_length=20, choices=CredentialsSetBy.choices
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("credentials of a login")
        verbose_name_plural = _("credentials of logins")

    def __str__(self) -> str:
        return f"{self.user.get_username()}: {self.get_set_by_display()}"


class SignInMethod(models.TextChoices):
    PASSWORD = "password", _("password")
    SSO = "sso", _("single sign-on")
    SECOND_FACTOR = "second_factor", _("second factor")


class SignInOutcome(models.TextChoices):
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")
    REFUSED = "refused", _("refused while waiting")


class SignIn(models.Model):
    """One attempt to sign in, for the operator's console; written where the security log is.

    Only a login's own name is kept (a name that is no login's may be anything a person typed,
    a password even, so it is not), never a password or an address.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sign_ins",
    )
    method = models.CharField(_("method"), max_length=20, choices=SignInMethod.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=SignInOutcome.choices)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")

    def __str__(self) -> str:
        who = self.user.get_username() if self.user else "?"
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.outcome}"


class ModerationMail(models.TextChoices):
    AT_ONCE = "at_once", _("at once, one mail per report")
    DAILY = "daily", _("once a day, a summary")
    NEVER = "never", _("never")


class MailChoices(TimeStampedModel):
    """What a login wants by e-mail (its account page). A login without a row has the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_choices"
    )
    # Minutes sent for approval to an adjuster (or chair), and a reminder after three days.
    minutes_approval = models.BooleanField(
        _("minutes waiting for my approval, and a reminder after three days"), default=True
    )
    # Citizens' reports and Open311 requests waiting for a coordinator's moderation.
    moderation = models.CharField(
        _("citizens' reports waiting for moderation"),
        max_length=10,
        choices=ModerationMail.choices,
        default=ModerationMail.AT_ONCE,
    )
    # A reminder to report on the measures of one's organisation before the plan's body meets.
    report_reminders = models.BooleanField(
        _("a reminder to report on my activities before a meeting"), default=True
    )

    class Meta:
        verbose_name = _("e-mail choices")
        verbose_name_plural = _("e-mail choices")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.moderation}"
