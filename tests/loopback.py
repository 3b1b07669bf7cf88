"""A throwaway HTTP server on a free loopback port, for tests that need a crafted peer
(a slow API, a forward proxy, a malicious listing) rather than the emulator."""

import threading
from http.server import ThreadingHTTPServer


class LoopbackServer:
    """Serves ``handler`` (a ``BaseHTTPRequestHandler`` class) from a daemon thread."""

    def __init__(self, handler):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
