"""Who wrote and reviewed a guide: ``author`` and ``reviewed_by`` must name someone defined.

A byline is only as trustworthy as the people behind it, so a guide names
them by id, defined once in the people file
(:mod:`evidence_guides.guide.people`). An id the file does not define would
silently drop the name from the page: it is a ``frontmatter-invalid`` error
at the line where it is written. The people file's own problems (an unknown
key, a missing name, a key written twice, an id defined twice) are reported
once per run, at their lines in that file; a guide naming someone the file
leaves out for such a mistake is not told again, on every guide, that they
are not defined.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.sink import Sink
from evidence_guides.findings import line_and_column
from evidence_guides.guide.people import People, load_people

if TYPE_CHECKING:
    from evidence_guides.audit.context import CorpusContext, PageContext
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.findings import Finding

RULE = rule_ids.FRONTMATTER_INVALID
PERSON_FIELDS = ("author", "reviewed_by")


def project_people(settings: AuditSettings) -> People:
    """The project's people file, read once per version of it."""
    file = settings.people_file
    return load_people(file, _shown(file, settings.root), settings.limits)


def check_page(context: PageContext, sink: Sink) -> None:
    """An ``author`` or ``reviewed_by`` id the people file does not define, at its line."""
    parsed = context.parsed
    guide = parsed.guide if parsed is not None else None
    if guide is None or not (guide.author or guide.reviewed_by):
        return
    people = project_people(context.settings)
    front_end = len(context.source_text) - len(parsed.source.body)  # type: ignore[union-attr]
    for name in PERSON_FIELDS:
        person_id = getattr(guide, name)
        if person_id is None or people.get(person_id) is not None or people.left_out(person_id):
            continue  # a person the file leaves out is the file's finding, named once
        where = value_position(context.source_text, name, front_end)
        sink.add(RULE, where, unknown_person(name, person_id, people))


def check_corpus(context: CorpusContext) -> list[Finding]:
    """The people file's own findings, once per run."""
    people = project_people(context.settings)
    sink = Sink(people.path, context.settings)
    for finding in people.findings:
        sink.reemit(finding)
    return sink.findings


def unknown_person(where: str, person_id: str, people: People) -> str:
    """The message for an id the people file does not define."""
    if not people.exists:
        return f"{where}: {person_id!r} names no one: there is no {people.path} to define them in"
    close = difflib.get_close_matches(person_id, list(people.by_id), n=1, cutoff=0.75)
    also = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{where}: {person_id!r} is not defined in {people.path}{also}"


def value_position(source_text: str, key: str, front_end: int) -> tuple[int, int]:
    """Line and column of a top-level front-matter key's value (of the key if none follows)."""
    match = re.search(rf"^{re.escape(key)}[ \t]*:[ \t]*", source_text[:front_end], re.MULTILINE)
    return line_and_column(source_text, match.end() if match else 0)


def _shown(file: Path, root: Path) -> str:
    """The file as editors see it: relative to mkdocs.yml's folder when inside it."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()
