"""Rows of the permission matrix for the login's own pages: django-allauth's (account/…) and the
invitation's link.

They are the login's own pages, not a council's: each is open to anonymous visitors (signing in,
resetting a forgotten password) or to any login (changing its own password), the same for every
role. The pages that only pass a visitor on answer 302.
"""

from __future__ import annotations

from samverkan.accounts.tests.matrix import EVERYONE, LOGGED_IN, answers

# Signing in: a visitor who is signed in already is sent on.
SIGNED_OUT = answers(
    admin=302,
    coordinator=302,
    secretary=302,
    member=302,
    reporter=302,
    viewer=302,
    outsider=302,
    anonymous=200,
)
PASSED_ON = answers(
    admin=302,
    coordinator=302,
    secretary=302,
    member=302,
    reporter=302,
    viewer=302,
    outsider=302,
)
LOG_OUT = {**LOGGED_IN, "anonymous": 302}
# An invitation's link: anyone holding a valid one sets its password; any other is not found.
NOT_FOUND = {role: 404 for role in EVERYONE}
# The second factor's pages of a login that has none: nothing to switch off or show.
NONE_ENROLLED = answers(
    admin=404, coordinator=404, secretary=404, member=404, reporter=404, viewer=404, outsider=404
)

# Single sign-on (allauth.socialaccount): a provider's addresses answer 404 for one that is not
# configured, the same for everyone; its assertion's landing passes on to the finish.
EVERYONE_PASSED_ON = {role: 302 for role in EVERYONE}
NOT_SIGNED_IN = {role: 401 for role in EVERYONE}
UNKNOWN_PROVIDER = {"provider_id": "nosuch"}
UNKNOWN_SAML = {"organization_slug": "nosuch"}

PAGES = [
    ("openid_connect_login", lambda i: UNKNOWN_PROVIDER, "get", NOT_FOUND),
    ("openid_connect_callback", lambda i: UNKNOWN_PROVIDER, "get", NOT_FOUND),
    ("saml_login", lambda i: UNKNOWN_SAML, "get", NOT_FOUND),
    ("saml_acs", lambda i: UNKNOWN_SAML, "post", EVERYONE_PASSED_ON),
    ("saml_finish_acs", lambda i: UNKNOWN_SAML, "get", NOT_FOUND),
    ("saml_sls", lambda i: UNKNOWN_SAML, "get", NOT_FOUND),
    ("saml_metadata", lambda i: UNKNOWN_SAML, "get", NOT_FOUND),
    # The login's links to providers: seen and ended by its holder.
    ("socialaccount_connections", lambda i: {}, "get", LOGGED_IN),
    # Closed: nobody signs up through a provider; it passes on to the login page.
    ("socialaccount_signup", lambda i: {}, "get", EVERYONE_PASSED_ON),
    ("socialaccount_login_cancelled", lambda i: {}, "get", EVERYONE),
    ("socialaccount_login_error", lambda i: {}, "get", NOT_SIGNED_IN),
    ("accounts:account", lambda i: {}, "get", LOGGED_IN),
    # The login's own sessions (allauth.usersessions' route name leads to the same page).
    ("accounts:sessions", lambda i: {}, "get", LOGGED_IN),
    # The login's own choice of e-mails.
    ("accounts:mail_choices", lambda i: {}, "get", LOGGED_IN),
    ("usersessions_list", lambda i: {}, "get", LOGGED_IN),
    ("account_login", lambda i: {}, "get", SIGNED_OUT),
    # Closed: a coordinator invites; the page says so.
    ("account_signup", lambda i: {}, "get", SIGNED_OUT),
    ("account_logout", lambda i: {}, "get", LOG_OUT),
    ("account_inactive", lambda i: {}, "get", EVERYONE),
    ("account_reauthenticate", lambda i: {}, "get", LOGGED_IN),
    ("account_request_reauthentication_code", lambda i: {}, "get", PASSED_ON),
    ("account_confirm_reauthentication_code", lambda i: {}, "get", PASSED_ON),
    ("account_email", lambda i: {}, "get", LOGGED_IN),
    ("account_email_verification_sent", lambda i: {}, "get", EVERYONE),
    ("account_confirm_email", lambda i: {"key": "abc"}, "get", EVERYONE),
    ("account_confirm_login_code", lambda i: {}, "get", {**PASSED_ON, "anonymous": 302}),
    ("account_change_password", lambda i: {}, "get", LOGGED_IN),
    ("account_set_password", lambda i: {}, "get", PASSED_ON),
    ("account_reset_password", lambda i: {}, "get", EVERYONE),
    ("account_reset_password_done", lambda i: {}, "get", EVERYONE),
    (
        "account_reset_password_from_key",
        lambda i: {"uidb36": "1", "key": "abc"},
        "get",
        EVERYONE,
    ),
    ("account_reset_password_from_key_done", lambda i: {}, "get", EVERYONE),
    # The second factor (allauth.mfa). Enrolling and new recovery codes ask for the password
    # again first (a login by force_login has not given it here).
    ("mfa_index", lambda i: {}, "get", LOGGED_IN),
    ("mfa_authenticate", lambda i: {}, "get", PASSED_ON),
    ("mfa_reauthenticate", lambda i: {}, "get", PASSED_ON),
    ("mfa_activate_totp", lambda i: {}, "get", PASSED_ON),
    ("mfa_deactivate_totp", lambda i: {}, "get", NONE_ENROLLED),
    ("mfa_view_recovery_codes", lambda i: {}, "get", NONE_ENROLLED),
    ("mfa_generate_recovery_codes", lambda i: {}, "get", PASSED_ON),
    ("mfa_download_recovery_codes", lambda i: {}, "get", NONE_ENROLLED),
    # Passkeys (WebAuthn): the login's own keys; adding, renaming and removing one ask for the
    # password again first, whatever the key (a login without a key confirms by its password).
    ("mfa_list_webauthn", lambda i: {}, "get", LOGGED_IN),
    ("mfa_add_webauthn", lambda i: {}, "get", PASSED_ON),
    ("mfa_reauthenticate_webauthn", lambda i: {}, "get", PASSED_ON),
    ("mfa_edit_webauthn", lambda i: {"pk": 1}, "get", PASSED_ON),
    ("mfa_remove_webauthn", lambda i: {"pk": 1}, "get", PASSED_ON),
    (
        "accounts:invitation_accept",
        lambda i: {"uidb64": "MQ", "token": "abc-def"},
        "get",
        NOT_FOUND,
    ),
]
