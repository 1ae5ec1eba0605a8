from django.urls import include, path
from django.views.i18n import set_language

# The console's pages, registered on `console` when imported.
from samverkan.accounts import admin as accounts_admin  # noqa: F401, E402, I001
from samverkan.accounts.views import SamverkanLoginView
from samverkan.api.router import api
from samverkan.core import admin as core_admin  # noqa: F401, E402
from samverkan.core.console import console
from samverkan.incidents import admin as incidents_admin  # noqa: F401, E402
from samverkan.organisations import admin as organisations_admin  # noqa: F401, E402

urlpatterns = [
    path("", include("samverkan.core.urls")),
    path("", include("samverkan.accounts.urls")),
    path("", include("samverkan.organisations.urls")),
    path("", include("samverkan.meetings.urls")),
    path("", include("samverkan.plans.urls")),
    path("", include("samverkan.incidents.urls")),
    path("", include("samverkan.dialogue.urls")),
    path("", include("samverkan.insights.urls")),
    path("", include("samverkan.opendata.urls")),
    path("", include("samverkan.webhooks.urls")),
    # django-allauth: password reset and change, and the second factor.
    path("account/", include("allauth.urls")),
    # allauth's own links to its login page lead to the site's (the last of a name wins).
    path("login/", SamverkanLoginView.as_view(), name="account_login"),
    path("admin/", console.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
]
