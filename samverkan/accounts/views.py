from __future__ import annotations

from typing import Any

from allauth.account.views import LoginView as AllauthLoginView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts import second_factor, selectors, services, sso
from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.accounts.forms import (
    ApiTokenForm,
    GrantRoleForm,
    MailChoicesForm,
    NewUserForm,
    SecondFactorForm,
)
from samverkan.accounts.models import ApiScope, ApiToken, CouncilRole
from samverkan.core.errors import ForbiddenError, NotFoundError
from samverkan.core.pages import form_page, paginate, parse_id, posted, redirect_target, run_service


class SamverkanLoginView(AllauthLoginView):
    """allauth's login (second factor, durable lockout in its form), in the site's template."""

    template_name = "account/login.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # allauth reads `next` itself, and a malformed one ("http://[::1") raised inside it; a
        # target that is not a path on this site (or is the login page itself) is dropped.
        for name in ("GET", "POST"):
            values = getattr(request, name)
            if "next" in values and not redirect_target(request, ""):
                values = values.copy()
                del values["next"]
                setattr(request, name, values)
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["second_factor_optional"] = settings.SECOND_FACTOR_OPTIONAL
        context["sso_providers"] = sso.configured_providers()
        return context

    def form_invalid(self, form: Form) -> HttpResponse:
        response: HttpResponse = super().form_invalid(form)
        response.status_code = 400
        return response


@login_required
def council_access(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_ACCESS)
    grant_form = GrantRoleForm(request.POST if "grant" in request.POST else None, prefix="grant")
    new_form = NewUserForm(
        request.POST if "create" in request.POST else None, prefix="new", council=council
    )
    if request.method == "POST" and "grant" in request.POST and grant_form.is_valid():
        user = User.objects.filter(username=grant_form.cleaned_data["username"]).first()
        if user is None:
            grant_form.add_error("username", _("There is no login with that user name."))
        elif run_service(
            grant_form,
            lambda: services.council_role_grant(
                actor=request.user, council=council, user=user, role=grant_form.cleaned_data["role"]
            ),
        ):
            messages.success(request, _("The role was granted."))
            return redirect("accounts:council_access", slug=slug)
    if request.method == "POST" and "create" in request.POST and new_form.is_valid():
        data = new_form.cleaned_data

        def create() -> User:
            return services.user_invite(
                actor=request.user,
                council=council,
                username=data["username"],
                email=data["email"],
                role=data["role"],
                site_url=request.build_absolute_uri("/"),
                person=data["person"],
            )

        if run_service(new_form, create):
            messages.success(
                request, _("The invitation was sent. The person chooses their own password.")
            )
            return redirect("accounts:council_access", slug=slug)
    second_factor_form = SecondFactorForm(
        request.POST if "second_factor" in request.POST else None,
        prefix="second_factor",
        initial={
            "roles": services.second_factor_roles(council),
            "accepts_provider_second_factor": services.second_factor_accepts_provider(council),
        },
    )
    if (
        request.method == "POST"
        and "second_factor" in request.POST
        and second_factor_form.is_valid()
    ):
        roles = second_factor_form.cleaned_data["roles"]
        accepts = second_factor_form.cleaned_data["accepts_provider_second_factor"]
        policy = run_service(
            second_factor_form,
            lambda: services.second_factor_policy_set(
                actor=request.user,
                council=council,
                roles=roles,
                accepts_provider_second_factor=accepts,
            ),
        )
        if policy is not None:
            messages.success(request, _("The second factor's roles were saved."))
            return redirect("accounts:council_access", slug=slug)
    page = paginate(request, CouncilRole.objects.filter(council=council).select_related("user"))
    bound = request.method == "POST"
    return render(
        request,
        "accounts/council_access.html",
        {
            **council_context(request.user, council),
            "page": page,
            "grant_form": grant_form,
            "new_form": new_form,
            "second_factor_form": second_factor_form,
        },
        status=400 if bound else 200,
    )


@login_required
@require_POST
def council_role_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_ACCESS)
    council_role = CouncilRole.objects.filter(council=council, pk=pk).first()
    if council_role is None:
        raise NotFoundError
    services.council_role_revoke(actor=request.user, council_role=council_role)
    messages.success(request, _("The role was revoked."))
    return redirect("accounts:council_access", slug=slug)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The login's own page: its password, its second factor and its API tokens."""
    user = request.user
    if not isinstance(user, User):  # login_required lets only logins through
        raise ForbiddenError
    return render(
        request,
        "accounts/account.html",
        {
            "has_second_factor": second_factor.has_second_factor(user),
            "second_factor_required": second_factor.second_factor_required(user),
        },
    )


@login_required
def mail_choices(request: HttpRequest) -> HttpResponse:
    """Which e-mails the login receives: minutes to approve, reports to moderate."""
    user = request.user
    if not isinstance(user, User):  # login_required lets only logins through
        raise ForbiddenError
    form = MailChoicesForm(posted(request), instance=selectors.mail_choices_of(user))
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: services.mail_choices_change(
                actor=user,
                user=user,
                minutes_approval=form.cleaned_data["minutes_approval"],
                moderation=form.cleaned_data["moderation"],
                report_reminders=form.cleaned_data["report_reminders"],
            ),
        )
        if saved:
            messages.success(request, _("Your choices of e-mail were saved."))
            return redirect("accounts:mail_choices")
    return form_page(request, "accounts/mail_choices.html", {}, form=form)


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    """The login's open sessions: which browser, when last seen; end one or all others."""
    user = request.user
    if not isinstance(user, User):  # login_required lets only logins through
        raise ForbiddenError
    own_key = request.session.session_key
    if request.method == "POST":
        if "end_others" in request.POST:
            services.user_sessions_end(actor=user, user=user, keep_key=own_key)
            messages.success(request, _("Your other sessions were ended."))
            return redirect("accounts:sessions")
        session_id = parse_id(request.POST.get("end"))
        ended = (
            services.user_sessions_end(
                actor=user, user=user, session_ids=[session_id], keep_key=own_key
            )
            if session_id is not None
            else 0
        )
        if not ended:
            raise NotFoundError
        messages.success(request, _("The session was ended."))
        return redirect("accounts:sessions")
    page = paginate(request, selectors.sessions_of(user))
    rows = [
        {
            "session": session,
            "device": selectors.session_device(session.user_agent),
            "current": session.session_key == own_key,
        }
        for session in page
    ]
    return render(request, "accounts/sessions.html", {"page": page, "rows": rows})


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The login's API tokens: create one with its scopes (its key shown once), revoke one."""
    user = request.user
    if not isinstance(user, User):  # login_required lets only logins through
        raise ForbiddenError
    new_key = None
    form = ApiTokenForm(posted(request) if "revoke" not in request.POST else None)
    if request.method == "POST":
        if "revoke" in request.POST:
            revoke = parse_id(request.POST.get("revoke"))
            token = (
                ApiToken.objects.filter(user=user, pk=revoke).first()
                if revoke is not None
                else None
            )
            if token is None:
                raise NotFoundError
            services.api_token_revoke(token=token)
            messages.success(request, _("The token was revoked."))
            return redirect("accounts:api_tokens")
        if form.is_valid():
            created = run_service(
                form,
                lambda: services.api_token_create(
                    user=user, name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"]
                ),
            )
            if created is not None:
                new_key = created[1]
                form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "tokens": tokens,
            "new_key": new_key,
            "form": form,
            "scope_labels": dict(ApiScope.choices),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The invited person chooses their own password by the link in the mail (no login yet)."""
    user = services.invitation_user(uidb64, token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data["new_password1"]
        if run_service(form, lambda: services.invitation_accept(user=user, password=password)):
            messages.success(request, _("Your password is set. Log in with your user name."))
            return redirect("accounts:login")
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "username": user.get_username()},
        status=400 if request.method == "POST" else 200,
    )
