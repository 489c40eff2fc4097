"""Starting a guide from a complete skeleton.

A new guide starts as a draft holding every front-matter section, each with a
``TODO:`` placeholder. The front-matter model accepts the skeleton (so the
page previews in ``mkdocs serve``), and the audit's ``placeholder`` rule
reports every ``TODO:`` until an editor replaces it, so a half-written guide
cannot be published by accident.
"""

from __future__ import annotations

import datetime
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from evidence_guides.terminal import escape_controls, first_control
from evidence_guides.text.lookalikes import hidden_characters

PLACEHOLDER = "TODO:"
MAX_TITLE = 120  # characters: a title is a page's H1 and its <title>, not a paragraph
MAX_SLUG = 64  # characters of the file name: far below any file system's limit

_SLUG_SEPARATORS_RE = re.compile(r"[^a-z0-9]+")


class ScaffoldError(Exception):
    """The guide cannot be created; the message is one line and nothing was written."""


def slugify(title: str) -> str:
    """``"Flutter kick"`` -> ``"flutter-kick"``; accents folded, ASCII only, at most MAX_SLUG.

    A long slug is cut at a hyphen where there is one: folding can make one
    character several letters (the kcal sign folds to "kcal"), so the title's limit alone
    does not bound the file name.
    """
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_SEPARATORS_RE.sub("-", folded.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[: MAX_SLUG + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_SLUG]
    return slug


def guide_skeleton(title: str, today: datetime.date) -> str:
    """The text of a new draft guide titled ``title``."""
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"""---
title: {quoted}
description: "{PLACEHOLDER} one sentence for search results, at most 160 characters"
level: beginner  # beginner | intermediate | advanced
draft: true  # remove when every TODO is done and the audit is clean
last_reviewed: {today.isoformat()}
equipment:
  - "{PLACEHOLDER} equipment, or remove this list"
# met: {{value: 3, cite: "[@ainsworth2011]"}}  # energy cost, if a source gives it
related: []  # slugs of related guides, e.g. [leg-raise]
safety: "{PLACEHOLDER} the cautions that belong to this exercise"  # shown near the top
muscles:  # role: primary | secondary | stabilizer | antagonist
  - name: "{PLACEHOLDER} muscle"
    role: primary
    note: "{PLACEHOLDER} what it does in this exercise"
variations:  # shown from beginner to advanced
  - name: "{PLACEHOLDER} easier variation"
    level: beginner
    how: "{PLACEHOLDER} how it differs"
mistakes:
  - mistake: "{PLACEHOLDER} a common mistake"
    fix: "{PLACEHOLDER} how to fix it"
faq:
  - q: "{PLACEHOLDER} a question readers ask"
    a: "{PLACEHOLDER} the answer"  # cite research as [@key] or [PMID 12345678]
---

{PLACEHOLDER} two or three sentences: what the exercise trains and the one
thing that makes it work.

## How to do it

1. {PLACEHOLDER} the set-up.
2. {PLACEHOLDER} the movement.

## Benefits

- {PLACEHOLDER} a benefit, cited if it rests on research.
"""


def create_guide(guides_dir: Path, title: str, today: datetime.date | None = None) -> Path:
    """Write ``guides_dir/SLUG.md`` for ``title``; never overwrites an existing file."""
    title = " ".join(title.split())
    _check_title(title)
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"cannot make a file name from the title {title!r}")
    if "<" in title or ">" in title:
        raise ScaffoldError(f"a title is plain text: {title!r} contains '<' or '>'")
    target = guides_dir / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; nothing written")
    if not guides_dir.is_dir():
        raise ScaffoldError(f"{guides_dir} is not a folder")
    text = guide_skeleton(title, today or datetime.date.today())
    _create_exclusively(target, text)
    return target


def _check_title(title: str) -> None:
    """Refuse a title the guide's own check would refuse, or no terminal could show.

    YAML does not allow control characters even in a quoted string, and a
    terminal obeys an escape sequence when the title is printed.
    """
    if len(title) > MAX_TITLE:
        raise ScaffoldError(
            f"a title has at most {MAX_TITLE} characters; this one has {len(title):,}"
        )
    control = first_control(title)
    if control is not None:
        raise ScaffoldError(
            f"a title is plain text: '{escape_controls(title)}' contains the control"
            f" character U+{ord(control):04X}"
        )
    hidden = hidden_characters(title)
    if hidden:  # the audit would report it at once (hidden-character)
        raise ScaffoldError(
            f"a title is plain text: '{escape_controls(title)}' contains {hidden[0][1]}"
            " that no reader sees: type the title again without it"
        )


def _create_exclusively(target: Path, text: str) -> None:
    """Write a temporary file, then link it into place: atomic, and fails if the target exists."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.link(temporary, target)
    except FileExistsError:
        raise ScaffoldError(f"{target} already exists; nothing written") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
