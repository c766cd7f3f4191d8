"""A real SMTP server (aiosmtpd) on loopback for the delivery tests, with certificates from
trustme, and a handler that can refuse or drop chosen messages the way real relays do."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator

import pytest
import trustme
from aiosmtpd.controller import Controller


class Inbox:
    """What the server accepted, in order: (raw message, was it encrypted).

    ``answers`` maps a subject to the replies for its next tries ("451 ...", "550 ...",
    "drop" closes the connection without answering); ``delay`` slows each message down so
    two senders overlap."""

    def __init__(self) -> None:
        self.received: list[tuple[str, bool]] = []
        self.answers: dict[str, list[str]] = {}
        self.delay = 0.0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        content = envelope.content.decode()
        if self.delay:
            time.sleep(self.delay)  # blocks the server's loop: one message at a time, like a relay
        for subject, replies in self.answers.items():
            if f"Subject: {subject}" in content and replies:
                reply = replies.pop(0)
                if reply == "drop":
                    server.transport.close()
                    return "421 closing"
                return reply
        encrypted = session.ssl is not None or server.transport.get_extra_info("ssl_object")
        with self.lock:
            self.received.append((content, bool(encrypted)))
        return "250 OK"

    def subjects(self) -> list[str]:
        return [
            line.removeprefix("Subject: ")
            for content, _ in self.received
            for line in content.splitlines()
            if line.startswith("Subject: ")
        ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def mail_server(authority) -> Iterator:
    """start(mode, names): an SMTP server on 127.0.0.1; mode is plain, starttls or tls."""
    started: list[Controller] = []

    def start(mode: str, names: tuple[str, ...] = ("127.0.0.1", "localhost")):
        inbox, port = Inbox(), free_port()
        server_context = None
        if mode != "plain":
            server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            authority.issue_cert(*names).configure_cert(server_context)
        kwargs: dict = {"hostname": "127.0.0.1", "port": port}
        if mode == "starttls":
            kwargs |= {"tls_context": server_context, "require_starttls": True}
        elif mode == "tls":
            kwargs |= {"ssl_context": server_context, "server_hostname": "127.0.0.1"}
        controller = Controller(inbox, **kwargs)
        controller.start()
        started.append(controller)
        return inbox, port

    yield start
    for controller in started:
        controller.stop()
