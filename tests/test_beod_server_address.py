"""A wrong server address gets an error that says which mistake it is: no web address at
all, an address that answers but is not BEOD, or one that does not answer."""

import json
from http.server import BaseHTTPRequestHandler

import pytest

from beod import errors
from beod.client import Client
from beod.limits import MAX_AOI_KM2, check_area
from tests.loopback import LoopbackServer


@pytest.mark.parametrize("address", ["beod server", "api.beod.luxcarta.cloud", "https://", "ftp://host"])
def test_an_address_that_is_not_a_web_address(address):
    with pytest.raises(errors.ServerAddressError, match="https://"):
        Client(address)


def _serving(status, body, content_type):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return LoopbackServer(Handler)


@pytest.mark.parametrize("status, body, content_type", [
    (404, "<html>Not here</html>", "text/html"),
    (404, json.dumps({"detail": "Not Found"}), "application/json"),  # a web framework's bare 404
    (405, "", "text/plain"),
    (200, "<html>Welcome</html>", "text/html"),
    (403, "<html>Forbidden</html>", "text/html"),
])
def test_an_address_that_answers_but_is_not_beod(status, body, content_type):
    server = _serving(status, body, content_type)
    try:
        client = Client(server.url, retries=0)
        with pytest.raises(errors.NotBeodServerError, match="BrightEarth On Demand"):
            client.login("someone@example.com", "a-password")
    finally:
        server.close()


@pytest.mark.parametrize("status, body", [
    (401, {"detail": "Invalid credentials"}),
    (404, {"detail": "No account with this email"}),  # an API's own answer: a sign-in failure
])
def test_a_beod_refusal_is_still_a_sign_in_failure(status, body):
    server = _serving(status, json.dumps(body), "application/json")
    try:
        client = Client(server.url, retries=0)
        with pytest.raises(errors.AuthenticationError):
            client.login("someone@example.com", "a-password")
    finally:
        server.close()


def test_the_area_limit():
    check_area(MAX_AOI_KM2)
    with pytest.raises(errors.AoiTooLargeError, match="2,450.0 km²") as caught:
        check_area(2450.0)
    assert caught.value.limit == MAX_AOI_KM2 and caught.value.area_km2 == 2450.0
