from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts import services
from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.accounts.forms import GrantRoleForm, LoginForm, NewUserForm
from samverkan.accounts.models import ApiToken, CouncilRole
from samverkan.core.errors import ForbiddenError, NotFoundError
from samverkan.core.pages import paginate, parse_id, redirect_target, run_service
from samverkan.organisations.services import person_link_user


class SamverkanLoginView(LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        return redirect_target(self.request, "")

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
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

        def create() -> CouncilRole:
            from django.db import transaction

            with transaction.atomic():
                user = services.user_create(
                    actor=request.user,
                    username=data["username"],
                    password=data["password"],
                    email=data["email"],
                    council_id=council.pk,
                )
                if data["person"] is not None:
                    person_link_user(actor=request.user, person=data["person"], user=user)
                return services.council_role_grant(
                    actor=request.user, council=council, user=user, role=data["role"]
                )

        if run_service(new_form, create):
            messages.success(request, _("The login was created."))
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
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User):  # login_required lets only logins through
        raise ForbiddenError
    new_key = None
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
        name = request.POST.get("name", "").strip()[:100]
        _token, new_key = services.api_token_create(user=user, name=name or "api")
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    return render(request, "accounts/api_tokens.html", {"tokens": tokens, "new_key": new_key})
