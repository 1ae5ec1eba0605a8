"""The provider's claims: each user's e-mail, whether it is verified and how they signed in
(`amr`), as the test suite wrote them in users.json."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


def users() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(
        (Path(os.environ["TEST_OIDC_STATE"]) / "users.json").read_text(encoding="utf-8")
    )
    return data


class Validator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "amr": "openid", "xms_edov": "email"}

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = users()[request.user.username]
        verified = {"email_verified": user["email_verified"]} if "email_verified" in user else {}
        return {
            **verified,
            **({"xms_edov": user["xms_edov"]} if "xms_edov" in user else {}),
            "email": user["email"],
            "name": user["name"],
            "preferred_username": request.user.username,
            "amr": user["amr"],
        }

    def validate_redirect_uri(
        self, client_id: str, redirect_uri: str, request: Any, *args: Any, **kwargs: Any
    ) -> bool:
        # The relying party is the test suite's own server, on a port chosen at each run.
        return redirect_uri.startswith(
            ("http://testserver/", "http://127.0.0.1:", "http://localhost:")
        )
