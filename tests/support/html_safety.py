"""What a reader's browser would run in a page: an oracle for the sanitising tests.

It reads HTML with the standard library's parser, independently of
``evidence_guides.text.sanitize``, and reports what could run script: ``on*``
attributes, URL attributes whose scheme is not http, https or mailto (after
the clean-up browsers do: references decoded, control characters stripped,
tabs and newlines dropped), ``srcdoc``, a refresh ``<meta>``, a style with
``expression(`` or a script URL, and titles or header text that Material's
tooltips would show as HTML. Script elements are collected for the caller to
judge: only it knows which are the site's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite"}
    | {"data", "codebase", "longdesc", "lowsrc", "dynsrc", "usemap", "manifest", "icon"}
    | {"ping", "srcset", "archive", "classid", "profile"}
)
_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_MARKUP_START_RE = re.compile(r"<[A-Za-z/!?]")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def scheme_of(url: str) -> str | None:
    """The scheme a browser reads in an attribute's decoded value; None when relative."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE)
    match = _SCHEME_RE.match(cleaned)
    return match.group(1).lower() if match else None


@dataclass(frozen=True)
class Script:
    attributes: dict[str, str | None]
    text: str


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = Report()
        self._script: tuple[dict[str, str | None], list[str]] | None = None
        self._ellipsis_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)
        if tag == "script":
            self._script = (dict(attrs), [])
        classes = (dict(attrs).get("class") or "").split()
        if self._ellipsis_depth or "md-ellipsis" in classes:
            self._ellipsis_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            attributes, text = self._script
            self.report.scripts.append(Script(attributes, "".join(text)))
            self._script = None
        if self._ellipsis_depth:
            self._ellipsis_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        elif self._ellipsis_depth and _MARKUP_START_RE.search(data):
            # Material copies the text of a title too long for its box into a tooltip, as HTML.
            self.report.problems.append(f"header or nav text Material would show as HTML: {data!r}")

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        problems = self.report.problems
        for name, value in attrs:
            text = value or ""
            if name.startswith("on"):
                problems.append(f"<{tag} {name}={text!r}>: event handler")
            elif name in URL_ATTRIBUTES:
                for url in _urls(name, text):
                    scheme = scheme_of(url)
                    if scheme is not None and scheme not in ALLOWED_SCHEMES:
                        problems.append(f"<{tag} {name}={text!r}>: {scheme}: URL")
            elif name == "srcdoc":
                problems.append(f"<{tag} srcdoc>: a document in an attribute")
            elif name == "style" and re.search(r"expression\s*\(|script\s*:", text, re.I):
                problems.append(f"<{tag} style={text!r}>: script in a style")
            elif name == "title" and _MARKUP_START_RE.search(text):
                problems.append(f"<{tag} title={text!r}>: a tooltip Material would show as HTML")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            problems.append("<meta http-equiv=refresh>")


def _urls(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [part.split()[0] for part in value.split(",") if part.split()]
    if name in ("ping", "archive"):
        return value.replace(",", " ").split()
    return [value]


def scan(html: str) -> Report:
    """What in ``html`` could run script, and its ``<script>`` elements."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.report
