"""A TCP proxy a test controls: it forwards, swallows, or refuses, on demand.

Put between the site and a server (Postgres), it plays the server's bad days:
- forward(): passes bytes both ways, as if it were not there;
- black_hole(): accepts new connections and never says a word, and the connections already
  open stop answering too (their bytes are no longer read): a hung server, or a network
  that drops packets;
- refuse(): closes its port, so new connections are refused, and resets the open ones:
  a server that is down.
Back to forward(), it serves new connections again on the same port; connections it
swallowed or reset stay dead, as they would with a real server.
"""

import contextlib
import select
import socket
import struct
import threading

FORWARD, BLACK_HOLE, REFUSE = "forward", "black hole", "refuse"
TICK = 0.05


class TcpProxy:
    def __init__(self, upstream_host, upstream_port, host="127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self.host = host
        self.mode = FORWARD
        self.lock = threading.Lock()
        self.pairs = []  # Open (client, server) sockets; server is None when swallowed.
        self.stopped = threading.Event()
        self.listener = self._listen(0)
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._run, name="tcp-proxy", daemon=True)
        self.thread.start()

    def forward(self):
        with self.lock:
            self._drop_swallowed()
            if self.listener is None:
                self.listener = self._listen(self.port)
            self.mode = FORWARD

    def black_hole(self):
        with self.lock:
            if self.listener is None:
                self.listener = self._listen(self.port)
            self.mode = BLACK_HOLE

    def refuse(self):
        with self.lock:
            self.mode = REFUSE
            if self.listener is not None:
                self.listener.close()
                self.listener = None
            for client, server in self.pairs:
                _reset(client)
                if server is not None:
                    server.close()
            self.pairs = []

    def open_connections(self):
        """How many connections it is forwarding to the server now."""
        with self.lock:
            return sum(1 for _, server in self.pairs if server is not None)

    def stop(self):
        self.refuse()
        self.stopped.set()
        self.thread.join(timeout=5)

    def _listen(self, port):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, port))
        listener.listen(128)
        return listener

    def _drop_swallowed(self):
        kept = []
        for client, server in self.pairs:
            if server is None or self.mode == BLACK_HOLE:
                _reset(client)
                if server is not None:
                    server.close()
            else:
                kept.append((client, server))
        self.pairs = kept

    def _run(self):
        while not self.stopped.is_set():
            with self.lock:
                listener = self.listener
                mode = self.mode
                pairs = list(self.pairs)
            readable = [listener] if listener is not None else []
            if mode == FORWARD:
                readable += [s for pair in pairs for s in pair if s is not None]
            if not readable:
                self.stopped.wait(TICK)
                continue
            try:
                ready, _, _ = select.select(readable, [], [], TICK)
            except (OSError, ValueError):  # A socket closed by refuse() meanwhile.
                continue
            with self.lock:
                if self.mode != mode:
                    continue
                for sock in ready:
                    if sock is self.listener:
                        self._accept()
                    else:
                        self._pass_on(sock)

    def _accept(self):
        client, _ = self.listener.accept()
        if self.mode == BLACK_HOLE:
            self.pairs.append((client, None))
            return
        try:
            server = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            _reset(client)
            return
        self.pairs.append((client, server))

    def _pass_on(self, sock):
        for pair in self.pairs:
            if sock in pair:
                client, server = pair
                break
        else:
            return
        other = server if sock is client else client
        try:
            data = sock.recv(65536)
            if data:
                other.sendall(data)
                return
        except OSError:
            pass
        client.close()
        server.close()
        self.pairs.remove(pair)


def _reset(sock):
    """Close with a reset, as a crashed server's host does, rather than a polite goodbye."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
