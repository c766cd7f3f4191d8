"""The PDF renderer reaches no address and attaches no file (security.md test 30): a listener on
127.0.0.1 counts connections while a document full of outside references is rendered."""

from __future__ import annotations

import io
import socket
import threading
from pathlib import Path

import pypdf
import pytest

from blueprints.documents.pdf import render_pdf
from tests.helpers import pdf_text

pytestmark = pytest.mark.pure
STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 that counts every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections: list[int] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            connections.append(1)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


def test_no_connection_no_local_file_and_no_attachment(listener):
    port, connections = listener
    local = f"http://127.0.0.1:{port}"
    html = f"""<html><head>
      <style>@import url({local}/import.css); body {{ background: url({local}/bg.png) }}</style>
      <link rel="stylesheet" href="{local}/style.css">
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="attachment" href="{local}/secret.txt">
      </head><body><p>Inside</p>
      <img src="{local}/pixel.png" alt="a"><img src="http://169.254.169.254/latest/meta-data/" alt="b">
      <img src="file:///etc/passwd" alt="c"><object data="file:///etc/hostname"></object>
      <a rel="attachment" href="file:///etc/passwd">passwd</a>
      </body></html>"""
    pdf = render_pdf(html, static_root=STATIC, document_id="T-30", time_limit=20)
    words = pdf_text(pdf)
    assert "Inside" in words and "root:" not in words
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert b"EmbeddedFile" not in pdf
    assert connections == []
    socket.create_connection(("127.0.0.1", port)).close()  # the listener does count
    for _ in range(50):
        if connections:
            break
        threading.Event().wait(0.05)
    assert connections == [1]
