"""The Nu HTML Checker (vnu.jar, run with the machine's Java) over every page and htmx partial the
browser tests reach (issue 16). The `page` fixture records each HTML answer the browser gets; at
the end of the session vnu reads them all in one run (Java starts once) and the session fails on
any error, naming the file, the URL, the test, the line and vnu's message.

scripts/setup.sh test fetches vnu.jar into .cache/vnu/ (pinned, about 30 MB, not in git)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / ".cache" / "vnu" / "vnu.jar"

# An htmx answer is a fragment: htmx parses it inside a <template>, so it is checked inside the
# element it belongs in (a table row inside a table), in a minimal valid document.
_WRAPS = {
    "tr": ("<table><tbody>", "</tbody></table>"),
    "td": ("<table><tbody><tr>", "</tr></tbody></table>"),
    "th": ("<table><tbody><tr>", "</tr></tbody></table>"),
    "tbody": ("<table>", "</table>"),
    "li": ("<ul>", "</ul>"),
    "option": ('<select aria-label="fragment">', "</select>"),
    "dt": ("<dl>", "</dl>"),
}
_FIRST_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def as_document(body: str) -> str:
    """The answer itself if it is a whole page, else the fragment inside a minimal page."""
    if body.lstrip()[:15].lower().startswith("<!doctype html"):
        return body
    first = _FIRST_TAG.search(_COMMENT.sub("", body))
    before, after = _WRAPS.get(first.group(1).lower() if first else "", ("", ""))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>htmx fragment</title>'
        f"</head><body>{before}{body}{after}</body></html>"
    )


@dataclass
class HtmlRecorder:
    """Keeps each distinct HTML answer in a folder, with where it came from."""

    folder: Path
    sources: dict[str, list[str]] = field(default_factory=dict)  # file name -> [test, url, kind]
    unreadable: list[str] = field(default_factory=list)
    test: str = ""

    def listen(self, context: Any, origin: str) -> None:
        context.on("response", lambda response: self.record(response, origin))

    def record(self, response: Any, origin: str) -> None:
        if not response.url.startswith(origin) or not 200 <= response.status < 600:
            return
        if 300 <= response.status < 400 or response.status == 204:
            return
        if not response.headers.get("content-type", "").startswith("text/html"):
            return
        try:
            body = response.text()
        except Exception as error:
            # An answer to a page already left, or closed as its test ended: nothing to check.
            if not any(gone in str(error) for gone in ("navigated away", "has been closed")):
                self.unreadable.append(f"{response.url}: {error}")
            return
        if not body.strip():
            return
        fragment = response.request.headers.get("hx-request") == "true"
        text = as_document(body)
        name = hashlib.sha256(text.encode()).hexdigest()[:16] + ".html"
        if name in self.sources:
            return
        (self.folder / name).write_text(text, encoding="utf-8")
        path = response.url[len(origin) :] or "/"
        self.sources[name] = [self.test, path, "htmx fragment" if fragment else "page"]

    def errors(self) -> list[str]:
        """vnu's errors over every recorded file, one line each (empty: all valid)."""
        if not self.sources:
            return []
        java = shutil.which("java")
        if java is None or not VNU_JAR.exists():
            return [
                f"the Nu HTML Checker is missing (java: {java}, {VNU_JAR}): "
                "run scripts/setup.sh test"
            ]
        files = sorted(str(self.folder / name) for name in self.sources)
        done = subprocess.run(
            [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        try:
            messages = json.loads(done.stderr or done.stdout)["messages"]
        except (ValueError, KeyError):
            return [f"vnu did not answer in JSON (exit {done.returncode}): {done.stderr[-2000:]}"]
        found = []
        for m in messages:
            if m.get("type") not in ("error", "non-document-error"):
                continue
            name = Path(m.get("url", "").removeprefix("file:")).name
            test, url, kind = self.sources.get(name, ["?", "?", "?"])
            found.append(
                f"{url} ({kind}, {test}; {self.folder / name}:{m.get('lastLine', '?')}): "
                f"{m.get('message')} [{(m.get('extract') or '').strip()[:120]}]"
            )
        return found

    def write_index(self) -> None:
        (self.folder / "index.json").write_text(json.dumps(self.sources, indent=1))
