"""Text from files, made safe to print on a terminal.

A guide, a store entry or a file name is anyone's text, and a terminal obeys
what it is sent: ESC starts a sequence that recolours, moves the cursor, clears
the screen or sets the window title; bidirectional controls reorder what is
shown ("Trojan Source"); a line separator breaks a one-line message. Every line
the CLI and the build print from a file therefore shows such characters the
way Python writes them (``\\x1b``, ``\\u202e``), never raw.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; the bidirectional marks, embeddings, overrides and
# isolates; line and paragraph separators; lone surrogates (undecodable file names).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every control, bidirectional or separator character written as an escape.

    ``keep`` names characters to leave as they are, for a caller that handles
    them itself (tabs it expands, newlines it encodes).
    """
    if not keep:
        return _UNSAFE.sub(_escape, text)
    return _UNSAFE.sub(lambda match: match[0] if match[0] in keep else _escape(match), text)


def first_control(text: str) -> str | None:
    """The first character :func:`escape_controls` would escape, or None."""
    match = _UNSAFE.search(text)
    return match.group() if match else None
