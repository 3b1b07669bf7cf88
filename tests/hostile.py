"""A scriptable loopback API for tests of hostile or malformed answers.

``HostileApi(routes)``: ``routes`` maps ``"METHOD /path"`` to a callable
``(handler) -> None`` that writes the whole answer, or to ``(status, body[, headers])``
(``body`` a JSON-able value or bytes). Sign-in answers with a token unless a route
replaces it; every request's method, path and headers are recorded in ``requests``.
"""

import json
from http.server import BaseHTTPRequestHandler

from tests.loopback import LoopbackServer

TOKENS = {"access_token": "hostile-access-fake", "refresh_token": "hostile-refresh-fake",
          "expires_in": 86400, "token_type": "Bearer"}


class HostileApi:
    def __init__(self, routes=None):
        self.routes = dict(routes or {})
        self.requests = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                return

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                api.requests.append((self.command, self.path, dict(self.headers), body))
                key = f"{self.command} {self.path.split('?')[0]}"
                route = api.routes.get(key)
                if route is None and key == "POST /auth/login":
                    route = (200, TOKENS)
                if route is None and key == "GET /users/me":
                    route = (200, {"id": "u-1", "credits": 10})
                if route is None:
                    route = (404, {"detail": "Not Found"})
                if callable(route):
                    route(self)
                    return
                status, payload, *rest = route
                headers = rest[0] if rest else {}
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_HEAD = _handle

        self.server = LoopbackServer(Handler)
        self.url = self.server.url

    def paths(self, method=None):
        return [path for verb, path, _, _ in self.requests if method in (None, verb)]

    def close(self):
        self.server.close()
