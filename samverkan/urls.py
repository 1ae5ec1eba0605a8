from django.urls import include, path
from django.views.i18n import set_language

from samverkan.accounts.views import SamverkanLoginView
from samverkan.api.router import api

urlpatterns = [
    path("", include("samverkan.core.urls")),
    path("", include("samverkan.accounts.urls")),
    path("", include("samverkan.organisations.urls")),
    path("", include("samverkan.meetings.urls")),
    path("", include("samverkan.plans.urls")),
    path("", include("samverkan.incidents.urls")),
    path("", include("samverkan.dialogue.urls")),
    # django-allauth: password reset and change, and the second factor.
    path("account/", include("allauth.urls")),
    # allauth's own links to its login page lead to the site's (the last of a name wins).
    path("login/", SamverkanLoginView.as_view(), name="account_login"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
]
