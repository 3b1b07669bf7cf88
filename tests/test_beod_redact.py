"""No message, log line or repr shows a password, a token or a presigned URL's query string."""

import logging

import pytest

from beod import errors
from beod.client import Client
from beod.models import Tokens
from beod.redact import redact, redact_url, register_secret

PRESIGNED = ("https://storage.example/beod-results/u/1/2/0/EXPORT/building.shp?X-Amz-Algorithm=AWS4-HMAC-SHA256"
             "&X-Amz-Credential=AKIAFAKE%2F20240101&X-Amz-Signature=deadbeefcafe")


def test_url_query_strings_are_removed():
    text = redact(f"GET {PRESIGNED} failed")
    assert "X-Amz-Signature" not in text and "deadbeefcafe" not in text and "AKIAFAKE" not in text
    assert "https://storage.example/beod-results/u/1/2/0/EXPORT/building.shp?***" in text
    assert redact_url(PRESIGNED) == "https://storage.example/beod-results/u/1/2/0/EXPORT/building.shp?***"
    assert redact_url("https://api.example/users/me") == "https://api.example/users/me"
    logged = redact('"GET /beod-results/1/2/x.shp?X-Amz-Signature=deadbeefcafe HTTP/1.1" 200')
    assert logged == '"GET /beod-results/1/2/x.shp?*** HTTP/1.1" 200'
    assert redact("ratio 3/4 (no query)") == "ratio 3/4 (no query)"


@pytest.mark.parametrize("text, secret", [
    ("Authorization: Bearer abc.def.ghi", "abc.def.ghi"),
    ('{"access_token": "tok-123", "expires_in": 3600}', "tok-123"),
    ("{'refresh_token': 'ref-456'}", "ref-456"),
    ('{"email": "a@b.c", "password": "hunter2-fake"}', "hunter2-fake"),  # pragma: allowlist secret
    ("password=hunter2-fake&x=1", "hunter2-fake"),  # pragma: allowlist secret
    ("continuation_token=opaque-789", "opaque-789"),
])
def test_secret_fields_are_removed(text, secret):
    assert secret not in redact(text)


def test_registered_secrets_are_removed_anywhere():
    register_secret("s3cr3t-value-that-is-fake")
    assert "s3cr3t" not in redact("the server said: s3cr3t-value-that-is-fake is wrong")


def test_error_messages_and_reprs_are_redacted():
    register_secret("pw-in-a-message-fake")
    exc = errors.NetworkError(f"failed to fetch {PRESIGNED} with pw-in-a-message-fake")
    for shown in (str(exc), repr(exc), exc.message, str(exc.args)):
        assert "deadbeefcafe" not in shown and "pw-in-a-message-fake" not in shown
    failed = errors.ScenarioFailedError("Scenario 5 failed.", details=f"see {PRESIGNED}")
    assert "deadbeefcafe" not in str(failed) and "see https://storage.example" in str(failed)


def test_tokens_repr_hides_the_tokens():
    tokens = Tokens(access_token="access-abc-fake", refresh_token="refresh-def-fake")  # noqa: S106
    assert "access-abc-fake" not in repr(tokens) and "refresh-def-fake" not in repr(tokens)


def test_error_tree_and_messages_a_user_can_act_on():
    assert issubclass(errors.ConflictError, errors.InvalidRequestError)
    assert issubclass(errors.AoiError, errors.InvalidRequestError)
    for kind in (errors.AuthenticationError, errors.PermissionDeniedError, errors.NotFoundError,
                 errors.InvalidRequestError, errors.InsufficientCreditsError, errors.ServerError,
                 errors.NetworkError, errors.CancelledError, errors.UnsafePathError,
                 errors.ScenarioFailedError, errors.DownloadError):
        assert issubclass(kind, errors.BeodError)
        assert str(kind()).endswith(".")
    invalid = errors.InvalidRequestError(details=[{"loc": ["body", "geometry"], "msg": "not a polygon"}])
    assert invalid.details == "geometry: not a polygon"
    assert "geometry: not a polygon" in str(invalid)


def test_failed_sign_in_logs_and_errors_show_no_password(caplog):
    password = "never-show-this-fake-pw"  # pragma: allowlist secret
    client = Client("http://127.0.0.1:9", retries=1, backoff=0.01)
    with caplog.at_level(logging.DEBUG):
        with pytest.raises(errors.NetworkError) as caught:
            client.login("someone@example.test", password)
    assert password not in caplog.text
    assert password not in str(caught.value) and password not in repr(caught.value)
    assert password not in repr(client)
