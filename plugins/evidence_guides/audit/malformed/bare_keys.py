"""Keys without their brackets: "@key]" (the "[" missing) and pandoc's in-text "@key".

An "@word" in prose is usually a handle or an address, so only one that ends
in "]" (a group whose "[" is missing) or names a store key is reported.
"""

from __future__ import annotations

import re
from collections.abc import Container

from evidence_guides.audit.malformed.model import Malformed, inside, quoted
from evidence_guides.text.citations import KEY_PATTERN, SOURCE_TOKEN_RE

_BARE_RE = re.compile(rf"@({KEY_PATTERN})")
_NOT_BEFORE_AT_RE = re.compile(r"[\w.@/\\+-]")
# "@key]" and "@key, p. 3]": a citation whose "[" is missing.
_STRAY_CLOSE_RE = re.compile(r"[ \t]*+(?:,[^;@\[\]\n]*+)?\]")
# Pandoc's in-text citation with a locator: "@key [p. 33]".
_IN_TEXT_LOCATOR_RE = re.compile(r"[ \t]*+\[([^\[\]@\n]*+)\](?![(\[])")


def bare_keys(
    masked: str, keys: Container[str], found: list[Malformed], claimed: list[tuple[int, int]]
) -> None:
    """A missing "[" in "@key]" (any key), and "@key" without brackets (store keys only)."""
    for match in _BARE_RE.finditer(masked):
        at = match.start()
        if at > 0 and _NOT_BEFORE_AT_RE.match(masked, at - 1):
            continue  # an e-mail address, a path, "@@"
        if inside(at, claimed):
            continue
        key = match.group(1)
        close = _STRAY_CLOSE_RE.match(masked, match.end())
        if close is not None:
            written = masked[at : close.end() - 1].rstrip()
            quote = quoted(masked[at : close.end()])
            message = f"malformed citation '{quote}': no opening '['"
            found.append(Malformed(at, message, f"write [{_tidy(written)}]"))
            continue
        if key not in keys:
            continue  # a handle
        locator = _IN_TEXT_LOCATOR_RE.match(masked, match.end())
        if locator is not None and locator.group(1).strip():
            corrected = f"[@{key}, {locator.group(1).strip()}]"
            quote = masked[at : locator.end()]
        else:
            corrected, quote = f"[@{key}]", match.group()
        message = f"malformed citation '{quoted(quote)}': '@{key}' needs brackets to be cited"
        found.append(Malformed(at, message, f"write {corrected}"))


def _tidy(written: str) -> str:
    """``@ key ,p. 3`` as ``@key, p. 3``."""
    token = SOURCE_TOKEN_RE.match(written)
    if token is None or token.group("key") is None:
        return written
    rest = written[token.end() :].strip().lstrip(",").strip()
    return f"@{token.group('key')}, {rest}" if rest else f"@{token.group('key')}"
