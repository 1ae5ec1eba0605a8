from django.contrib.auth.views import LogoutView
from django.urls import path

from samverkan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.SamverkanLoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path("account/sessions/", views.sessions, name="sessions"),
    path("account/mail/", views.mail_choices, name="mail_choices"),
    path("account/api-tokens/", views.api_tokens, name="api_tokens"),
    path("invitation/<str:uidb64>/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("councils/<slug:slug>/access/", views.council_access, name="council_access"),
    path(
        "councils/<slug:slug>/access/<int:pk>/revoke/",
        views.council_role_revoke,
        name="council_role_revoke",
    ),
]
