"""The operator's console: Django's admin at /admin/, for site administrators only.

Every page is read-only; each change is an admin action that calls a service (audited), never
a ModelAdmin's own save. Apps register their pages on `console` in their admin.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext_lazy as _

from samverkan.core.errors import NotFoundError

_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


class ConsoleSite(admin.AdminSite):
    site_header = _("Samverkan: operator's console")
    site_title = _("Samverkan console")
    index_title = _("Operations")
    # The console's own template adds the place for scheduled jobs to the index.
    index_template = "admin/console_index.html"
    enable_nav_sidebar = False

    def has_permission(self, request: HttpRequest) -> bool:
        """Site administrators only: Django's staff flag alone is not enough."""
        user = request.user
        return bool(user.is_active and user.is_superuser)

    def admin_view(self, view: _View, cacheable: bool = False) -> _View:
        """Send a visitor to the site's login (second factor, lockout); any other login finds
        nothing here, as with every page it may not see."""
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not self.has_permission(request):
                if request.user.is_authenticated:
                    raise NotFoundError
                return redirect_to_login(request.get_full_path())
            response: HttpResponseBase = inner(request, *args, **kwargs)
            return response

        return cast(_View, guarded)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The site's own login, not the admin's."""
        if request.user.is_authenticated and not self.has_permission(request):
            raise NotFoundError
        return redirect_to_login(request.GET.get("next", "/admin/"))

    def get_urls(self) -> list[URLPattern | URLResolver]:
        """Passwords change on Mitt konto (audited, `user_set_password`), not in the console."""
        urls = [
            url
            for url in super().get_urls()
            if getattr(url, "name", None) not in ("password_change", "password_change_done")
        ]
        return [
            path("password_change/", self.admin_view(_to_account), name="password_change"),
            path(
                "password_change/done/", self.admin_view(_to_account), name="password_change_done"
            ),
            *urls,
        ]


def _to_account(request: HttpRequest) -> HttpResponse:
    return redirect("account_change_password")


console = ConsoleSite(name="admin")


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A console page that shows records and changes them only through its actions."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return console.has_permission(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return console.has_permission(request)
