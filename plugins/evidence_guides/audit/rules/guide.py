"""Rules on a guide as a whole: placeholders, the safety note, and ``related`` links.

``guides new`` writes ``TODO:`` wherever an editor has work to do; the
``placeholder`` rule keeps reporting each one until it is replaced, so a
half-written guide cannot be published. A guide without a ``safety`` note opens
without the cautions that belong to its exercise (``missing-safety``, a warning).
A ``related`` slug must name a guide
that exists and is published: a link to a draft would vanish from the page.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.findings import Finding, line_and_column
from evidence_guides.guide.frontmatter.model import SLUG_PATTERN
from evidence_guides.guide.scaffold import PLACEHOLDER as PLACEHOLDER_TEXT
from evidence_guides.text.citations import mask_markdown

if TYPE_CHECKING:
    from evidence_guides.audit.context import CorpusContext, PageContext
    from evidence_guides.audit.engine import PageAudit
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.audit.sink import Sink
    from evidence_guides.guide.frontmatter.model import ParsedGuide
    from evidence_guides.guide.muscles import MuscleVocabulary

PLACEHOLDER = rule_ids.PLACEHOLDER
MISSING_SAFETY = rule_ids.MISSING_SAFETY
RELATED = rule_ids.FRONTMATTER_INVALID  # also an unknown muscle name
_TODO_RE = re.compile(r"\bTODO:[^\n]{0,60}")
_RELATED_KEY_RE = re.compile(r"^related[ \t]*:", re.MULTILINE)
_COMMENT_RE = re.compile(r"[ \t]+#")
_SLUG_RE = re.compile(SLUG_PATTERN.removeprefix("^").removesuffix("$"))

RelatedTarget = tuple[str, int, int, int]  # slug, line, column, its index in the list


def check_page(context: PageContext, sink: Sink) -> None:
    """Placeholders, a missing safety note, and ``related`` slugs that name no guide."""
    check_placeholders(context.source_text, context.body_offset, sink)
    parsed = context.parsed
    if parsed is not None:
        check_safety(parsed, sink)
        check_muscle_names(parsed, context.source_text, context.settings.muscles, sink)
    context.related = related_targets(parsed, context.source_text) if parsed is not None else ()
    settings = context.settings
    check_related_exist(context.related, settings, sink, context.files_read)


def check_corpus(context: CorpusContext) -> list[Finding]:
    """A published guide's ``related`` naming a draft."""
    return draft_related_findings(context.pages, context.settings)  # type: ignore[arg-type]


def check_safety(parsed: ParsedGuide, sink: Sink) -> None:
    """A guide whose front-matter has no ``safety`` note: reported at the front-matter's start.

    Read from the YAML as written, so a guide whose other fields are invalid
    is still told; a value that is there but wrong is the model's finding.
    """
    if parsed.source.meta_text is not None and "safety" not in parsed.meta:
        message = (
            "no 'safety' note: add the cautions that belong to this exercise"
            " (shown near the top of the guide, before its first step)"
        )
        sink.add(MISSING_SAFETY, (1, 1), message)


def check_muscle_names(
    parsed: ParsedGuide, source_text: str, vocabulary: MuscleVocabulary, sink: Sink
) -> None:
    """A muscle name the vocabulary does not know, with the closest name it does."""
    if vocabulary.is_empty:
        return
    muscles = parsed.meta.get("muscles")
    for index, muscle in enumerate(muscles if isinstance(muscles, list) else ()):
        name = muscle.get("name") if isinstance(muscle, dict) else None
        if not isinstance(name, str) or not name.strip() or PLACEHOLDER_TEXT in name:
            continue  # the model or the placeholder rule reports it
        if vocabulary.lookup(name) is not None:
            continue
        path = f"muscles[{index}].name"
        position = parsed.position(source_text, path) or (1, 1)
        close = vocabulary.closest(name)
        also = f" (did you mean {close!r}?)" if close else ""
        message = f"{path}: {name!r} is not in the muscle vocabulary{also}"
        message += "; add it to the vocabulary file if it is a muscle the site should know"
        sink.add(RELATED, position, message)


def check_placeholders(source_text: str, body_offset: int, sink: Sink) -> None:
    """Every ``TODO:`` in the front-matter, and in the body outside code."""
    if "TODO:" not in source_text:
        return
    body = source_text[body_offset:]
    scanned = source_text[:body_offset] + (mask_markdown(body) if "TODO:" in body else body)
    for match in _TODO_RE.finditer(scanned):
        text = match.group()
        if match.start() < body_offset:  # a YAML value: its quote or comment is not the text
            text = _yaml_value(text, source_text[match.start() - 1 : match.start()])
        message = (
            f"placeholder left from 'guides new': {text.rstrip()!r}; write the guide's own text"
        )
        sink.add(PLACEHOLDER, line_and_column(source_text, match.start()), message)


def _yaml_value(text: str, before: str) -> str:
    """``text`` up to the end of its YAML value: its closing quote, or a comment."""
    if before in ("'", '"'):
        return text.split(before, 1)[0]
    return _COMMENT_RE.split(text, 1)[0]


def related_targets(parsed: ParsedGuide, source_text: str) -> tuple[RelatedTarget, ...]:
    """Each ``related`` slug with where it is written in the file.

    Read from the YAML as loaded, so a guide with other problems still has its
    slugs checked in the same run; a value that is not a slug is the model's
    finding already.
    """
    items = parsed.meta.get("related")
    if not isinstance(items, list) or not items:
        return ()
    front_end = len(source_text) - len(parsed.source.body)
    key = _RELATED_KEY_RE.search(source_text, 0, front_end)
    position = key.end() if key else 0
    targets = []
    for index, slug in enumerate(items):
        if not isinstance(slug, str):
            continue
        found = source_text.find(slug, position, front_end)
        if _SLUG_RE.fullmatch(slug):
            offset = found if found != -1 else (key.start() if key else 0)
            targets.append((slug, *line_and_column(source_text, offset), index))
        position = max(position, found + len(slug)) if found != -1 else position
    return tuple(targets)


def check_related_exist(
    targets: Sequence[RelatedTarget], settings: AuditSettings, sink: Sink, files_read: set[str]
) -> None:
    """A ``related`` slug with no guide file behind it; the guide meant, when one is close.
    The files looked for, and the guides' folder when listed, are added to ``files_read``."""
    slugs: list[str] | None = None
    guides = settings.docs_dir / settings.guides_dir
    for slug, line, column, index in targets:
        files_read.add(posixpath.join(settings.guides_dir, f"{slug}.md"))
        if (guides / f"{slug}.md").is_file():
            continue
        if slugs is None:  # listed once, and only for a slug that is wrong
            files_read.add(f"{settings.guides_dir}/")
            slugs = sorted(file.stem for file in guides.glob("*.md") if file.stem != "index")
        close = difflib.get_close_matches(slug, slugs, n=1)
        meant = f"; did you mean {close[0]!r}?" if close else ""
        message = f"related[{index}]: no guide {slug!r} ({slug}.md is not in {guides.name}/){meant}"
        sink.add(RELATED, (line, column), message)


def draft_related_findings(pages: Sequence[PageAudit], settings: AuditSettings) -> list[Finding]:
    """A published guide whose ``related`` names a draft: the link would be dropped."""
    severity = settings.severity(RELATED)
    if severity == "off":
        return []
    drafts = {Path(page.path).stem for page in pages if page.is_draft}
    findings = []
    for page in pages:
        if page.is_draft:
            continue
        for slug, line, column, index in page.related:
            if slug in drafts and not page.suppresses(RELATED, line):
                message = f"related[{index}]: {slug!r} is a draft, left out until it is published"
                findings.append(Finding(page.path, line, column, RELATED, severity, message))
    return findings
