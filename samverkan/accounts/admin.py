"""The console's pages for logins and their sign-ins: deactivate, unlock, reset a second factor,
each an action that calls a service (audited)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from samverkan.accounts import services
from samverkan.accounts.models import LoginCredentials, SignIn
from samverkan.core.console import ReadOnlyAdmin, console

LAST_SIGN_INS = 10


class LoginAdmin(ReadOnlyAdmin):
    list_display = [
        "username",
        "is_active",
        "is_superuser",
        "last_login",
        "credentials",
        "second_factor",
    ]
    list_filter = ["is_active", "is_superuser"]
    search_fields = ["username"]
    fields = ["username", "is_active", "is_superuser", "last_login", "date_joined", "sign_ins"]
    actions = ["deactivate", "unlock", "reset_second_factor"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        from allauth.mfa.models import Authenticator

        every: QuerySet[User] = super().get_queryset(request)
        with_factor = Exists(Authenticator.objects.filter(user=OuterRef("pk")))
        return every.select_related("credentials").annotate(has_second_factor=with_factor)

    @admin.display(description=_("set by its holder through"))
    def credentials(self, user: User) -> str:
        held: LoginCredentials | None = getattr(user, "credentials", None)
        return held.get_set_by_display() if held is not None else "–"

    @admin.display(description=_("second factor"), boolean=True)
    def second_factor(self, user: User) -> bool:
        return bool(getattr(user, "has_second_factor", False))

    @admin.display(description=_("last sign-ins"))
    def sign_ins(self, user: User) -> SafeString:
        recent = SignIn.objects.filter(user=user)[:LAST_SIGN_INS]
        return format_html_join(
            "",
            "<p>{} {} ({})</p>",
            (
                (f"{s.at:%Y-%m-%d %H:%M}", s.get_outcome_display(), s.get_method_display())
                for s in recent
            ),
        )

    def _each(
        self,
        request: HttpRequest,
        queryset: QuerySet[User],
        call: Callable[[User], object],
        done: str,
    ) -> None:
        count = 0
        for user in queryset:
            call(user)
            count += 1
        self.message_user(request, done % {"count": count})

    @admin.action(description=_("Deactivate (ends their sessions)"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        if isinstance(request.user, User):  # never the operator's own login
            queryset = queryset.exclude(pk=request.user.pk)
        self._each(
            request,
            queryset,
            lambda user: services.user_deactivate(actor=request.user, user=user, council_id=None),
            str(_("Deactivated: %(count)d.")),
        )

    @admin.action(description=_("Unlock (forget failed sign-ins)"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._each(
            request,
            queryset,
            lambda user: services.login_unlock(actor=request.user, user=user),
            str(_("Unlocked: %(count)d.")),
        )

    @admin.action(description=_("Reset the second factor"))
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._each(
            request,
            queryset,
            lambda user: services.user_second_factor_reset(actor=request.user, user=user),
            str(_("Second factor reset: %(count)d.")),
        )


console.register(User, LoginAdmin)


@admin.register(SignIn, site=console)
class SignInAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "method", "outcome"]
    list_filter = ["outcome", "method"]
    search_fields = ["user__username"]
    date_hierarchy = "at"
    list_select_related = ["user"]
