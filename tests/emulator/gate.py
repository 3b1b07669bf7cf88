"""Listeners that can be closed and reopened on the same port: a real network outage.

With ``--closable`` the emulator's public API and storage ports are :class:`Gate` s: small
TCP relays to the real servers on private loopback ports. ``close()`` stops listening
(new connections are refused: "Connection refused", not a slow answer) and resets every
open connection; ``open()`` listens again on the same port. The admin call
``POST /_admin/outage {"seconds": N, "listeners": ["api", "storage"]}`` closes them for
N seconds (the admin endpoint itself is behind the API gate, so the reopening is timed
by the emulator).
"""

import logging
import select
import socket
import struct
import threading
from typing import List, Optional, Tuple

LOG = logging.getLogger("beod.emulator.gate")
BUFFER = 256 * 1024


class Gate:
    """Relay ``host:port`` to ``target``; closable and reopenable on the same port."""

    def __init__(self, host: str, port: int, target: Tuple[str, int]):
        self.host = host
        self.target = target
        self._lock = threading.Lock()
        self._listener: Optional[socket.socket] = None
        self._connections: List[socket.socket] = []
        self.port = port
        self.is_open = False
        self.closed_count = 0
        self.open()

    def open(self) -> None:
        with self._lock:
            if self.is_open:
                return
            sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self.port))
            sock.listen(512)
            self.port = sock.getsockname()[1]
            self._listener = sock
            self.is_open = True
        threading.Thread(target=self._accept, args=(sock,), name=f"gate-{self.port}", daemon=True).start()

    def close(self) -> None:
        """Refuse new connections and reset the open ones."""
        with self._lock:
            if not self.is_open:
                return
            self.is_open = False
            self.closed_count += 1
            listener, self._listener = self._listener, None
            connections, self._connections = self._connections, []
        try:
            listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        listener.close()
        for conn in connections:
            _reset(conn)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                if not self.is_open or listener is not self._listener:
                    _reset(client)
                    continue
                try:
                    upstream = socket.create_connection(self.target, timeout=10)
                except OSError:
                    _reset(client)
                    continue
                for sock in (client, upstream):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    sock.settimeout(None)
                self._connections += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, first: socket.socket, second: socket.socket) -> None:
        peers = {first: second, second: first}
        try:
            while True:
                readable, _, _ = select.select([first, second], [], [], 60)
                if not readable:
                    continue
                for sock in readable:
                    data = sock.recv(BUFFER)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            with self._lock:
                for sock in (first, second):
                    if sock in self._connections:
                        self._connections.remove(sock)
            for sock in (first, second):
                try:
                    sock.close()
                except OSError:
                    pass


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset (the peer sees "connection reset", as in a real cut)."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


class Gates:
    """The emulator's closable listeners by name (``api``, ``storage``)."""

    def __init__(self):
        self.gates = {}
        self._timers: List[threading.Timer] = []

    def add(self, name: str, gate: Gate) -> None:
        self.gates[name] = gate

    def outage(self, seconds: float, listeners=("api", "storage"), delay: float = 0.3) -> dict:
        """Close ``listeners`` after ``delay`` s (the admin answer gets out) for ``seconds``."""
        unknown = [name for name in listeners if name not in self.gates]
        if unknown:
            raise ValueError(f"unknown listeners {unknown}; known: {sorted(self.gates)}")
        chosen = [self.gates[name] for name in listeners]

        def close():
            for gate in chosen:
                gate.close()
            LOG.warning("outage: %s closed for %.0f s", ", ".join(listeners), seconds)

        def reopen():
            for gate in chosen:
                gate.open()
            LOG.warning("outage over: %s listening again", ", ".join(listeners))

        for delay_s, action in ((delay, close), (delay + float(seconds), reopen)):
            timer = threading.Timer(delay_s, action)
            timer.daemon = True
            timer.start()
            self._timers.append(timer)
        ports = {name: self.gates[name].port for name in listeners}
        return {"closed": list(listeners), "seconds": seconds, "ports": ports}
