"""The people file: who writes and reviews the guides, defined once and named by id.

A reader trusts a health page more when it says who wrote it and which expert
reviewed it, with their credentials. People are defined once, in a YAML file
(``content/people.yml`` by default, the plugin's ``people`` option), and a
guide names them by id in ``author`` and ``reviewed_by``; an expert quote
names its speaker the same way. The file is checked as strictly as a guide's
front-matter, by the same field rules (unknown keys, wrong types and
duplicate ids are ``frontmatter-invalid`` findings at their line), and it is
read once per file version however many guides name people.

Nothing here invents a person: a guide that names no one shows no byline
entry, and an id the file does not define is reported where it is written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from yaml.events import MappingEndEvent, MappingStartEvent, StreamEndEvent

from evidence_guides.files.limits import Limits, yaml_refusal
from evidence_guides.files.source import ByteLimit, SourceDecodeError, SourceError, read_source
from evidence_guides.findings import Finding, line_and_column
from evidence_guides.guide.frontmatter.model import PERSON_ID_PATTERN
from evidence_guides.guide.frontmatter.specs import ListOf, Record, String, rule
from evidence_guides.guide.frontmatter.walker import RULE, Walk, quote

KINDS: tuple[str, ...] = ("person", "organization")
_ID = String(
    pattern=PERSON_ID_PATTERN,
    hint="{value} is not a person id (lowercase words joined by '-', e.g. 'jane-doe')",
)
_URL = String(pattern=r"^https?://[^\s<>\"']+$", hint="{value} is not an http or https address")
_LIMIT = ByteLimit(1024 * 1024, "the people file", "")


@dataclass(frozen=True, slots=True)
class Person:
    """Someone (or an organisation, such as the site's editorial team) who writes or reviews."""

    id: str = field(metadata=rule(_ID, "How guides name them: 'jane-doe'."))
    name: str = field(metadata=rule(String(), "Full name, as a byline shows it."))
    kind: str = field(
        default="person",
        metadata=rule(String(choices=KINDS), "A person, or an organization (a team)."),
    )
    credentials: str | None = field(
        default=None, metadata=rule(String(), "Degrees and qualifications: 'PhD, CSCS'.")
    )
    role: str | None = field(
        default=None, metadata=rule(String(), "Job title: 'Exercise physiologist'.")
    )
    affiliation: str | None = field(
        default=None, metadata=rule(String(), "Where they work: 'Example University'.")
    )
    url: str | None = field(default=None, metadata=rule(_URL, "A page about them (http or https)."))

    @property
    def is_organization(self) -> bool:
        return self.kind == "organization"

    def caption(self) -> str:
        """``NAME, CREDENTIALS, ROLE, AFFILIATION``, leaving out what is not known."""
        parts = (self.name, self.credentials, self.role, self.affiliation)
        return ", ".join(part for part in parts if part)


_PEOPLE = ListOf(Record(Person))


@dataclass(frozen=True, slots=True)
class People:
    """The people a project defines, by id, and the problems found reading the file."""

    path: str  # as editors see it
    by_id: Mapping[str, Person] = field(default_factory=lambda: MappingProxyType({}))
    findings: tuple[Finding, ...] = ()
    exists: bool = True
    refused: frozenset[str] = frozenset()  # ids of people left out for a mistake of theirs
    complete: bool = True  # False when the file could not be read as one list of people

    def get(self, person_id: str | None) -> Person | None:
        return self.by_id.get(person_id) if person_id else None

    def left_out(self, person_id: str) -> bool:
        """Whether the file may define ``person_id``, but a mistake in it keeps them out.

        The mistake is the file's own finding, reported once: a guide or a
        quote that names them is not wrong, and is not told it is (every guide
        of a site names its author).
        """
        return person_id in self.refused or (self.exists and not self.complete)


def parse_people(text: str, path: str, limits: Limits | None = None) -> People:
    """Read a people file's text. Never raises: every problem is a finding at its line."""
    if not text.strip():
        return People(path)
    refusal = yaml_refusal(text, limits or Limits(), "the people file")
    if refusal is not None:
        offset, message = refusal
        return _unread(path, *line_and_column(text, offset), message)
    walk = Walk(text, 0, path)
    try:
        walk.open(text)
        document = _read_document(walk)
    except (yaml.YAMLError, UnicodeEncodeError) as error:
        index, problem = walk.unreadable(error, text)
        return _unread(path, *line_and_column(text, index), f"not valid YAML: {problem}")
    finally:
        walk.close()
    findings = [
        Finding(f.path, f.line, f.column, f.rule, f.severity, _about_the_file(f.message))
        for f in walk.findings
    ]
    people: dict[str, Person] = {}
    for index, person in enumerate(document.people):
        if person is None:  # its findings say why
            continue
        if person.id in people:
            line = _line_of_id(text, person.id)
            message = f"people[{index}].id: {person.id!r} is defined twice (ids are unique)"
            findings.append(Finding(path, line, 1, RULE, "error", message))
            continue
        people[person.id] = person
    refused = frozenset(document.refused_ids()) - people.keys()
    found = tuple(sorted(findings))
    return People(path, MappingProxyType(people), found, True, refused, document.complete)


def load_people(file: Path, shown: str, limits: Limits | None = None) -> People:
    """The people file at ``file`` (``shown`` as editors see it); no file defines no one.

    Read again only when the file changes (its size or modification time), so
    every guide of a build or an audit shares one reading.
    """
    try:
        info = os.stat(file)
    except OSError:
        return People(shown, exists=False)
    key = (str(file), shown, info.st_size, info.st_mtime_ns)
    cached = _CACHE.get(key)
    if cached is None:
        try:
            text = read_source(file, shown, _LIMIT)
        except SourceDecodeError as error:
            cached = _unread(shown, error.line, error.column, error.reason)
        except SourceError as error:
            cached = _unread(shown, 1, 1, str(error).removeprefix(f"{shown}: "))
        else:
            cached = parse_people(text, shown, limits)
        _CACHE.clear()  # one project's file at a time
        _CACHE[key] = cached
    return cached


_CACHE: dict[tuple[str, str, int, int], People] = {}


@dataclass(frozen=True, slots=True)
class _Document:
    """The people file as read: each person checked (None: refused), and as written."""

    people: tuple[Person | None, ...] = ()
    written: tuple[Any, ...] = ()  # each person's mapping as YAML reads it
    complete: bool = True  # one mapping, holding 'people:' once, a list

    def refused_ids(self) -> Iterator[str]:
        """The ids of the people refused for a mistake, as written."""
        for person, written in zip(self.people, self.written, strict=False):
            person_id = written.get("id") if isinstance(written, dict) else None
            if person is None and isinstance(person_id, str):
                yield person_id


def _read_document(walk: Walk) -> _Document:
    """The people of a document holding one mapping, ``people:`` a list; each checked apart.

    A person with a mistake is left out (its findings say why); the others are
    kept, so one typo does not take every byline off the site. A file that is
    not one such list (a key written twice, another key, another value) is
    not complete: who else it meant to define cannot be known.
    """
    walk.next()  # StreamStartEvent
    if isinstance(walk.next(), StreamEndEvent):  # no document at all
        return _Document()
    root = walk.next()
    document = _Document(complete=False)
    if not isinstance(root, MappingStartEvent):
        walk.plain(root, "")
        walk.error(root.start_mark, "the people file must be a mapping: 'people:', then a list")
    else:
        document = _read_root(walk)
    walk.next()  # DocumentEndEvent
    if not isinstance(extra := walk.next(), StreamEndEvent):
        walk.error(extra.start_mark, "the people file must be a single YAML document")
        document = _Document(document.people, document.written, complete=False)
    return document


def _read_root(walk: Walk) -> _Document:
    """The root mapping's keys: ``people:`` once, read as the list of people."""
    document, first = _Document(), None
    while not isinstance(key_event := walk.next(), MappingEndEvent):
        name, _ = walk.key(key_event, "")
        value = walk.next()
        if name == "people" and first is None:
            first = key_event.start_mark
            written, people = _PEOPLE.read(walk, value, "people")
            listed = isinstance(written, list) and people is not None
            document = _Document(people or (), tuple(written) if listed else (), listed)
            continue
        walk.plain(value, name or "?")  # read, its values made safe, never used
        if name == "people":
            walk.error(key_event.start_mark, walk.duplicate(name, first))
        else:
            shown = quote(name) if name is not None else "?"
            walk.error(key_event.start_mark, f"unknown key {shown} (expected 'people')")
        document = _Document(document.people, document.written, complete=False)
    return document


def _unread(path: str, line: int, column: int, message: str) -> People:
    """A file that cannot be read: one finding, and no one can be said to be undefined."""
    finding = Finding(path, line, column, RULE, "error", message)
    return People(path, findings=(finding,), complete=False)


def _about_the_file(message: str) -> str:
    """The walker speaks of a guide's front-matter; here the file is the people file."""
    return message.replace("front-matter", "the people file")


def _line_of_id(text: str, person_id: str) -> int:
    """The line of the second ``id: PERSON_ID`` in ``text`` (block or flow style): the repeat."""
    pattern = rf"(?<![\w-])id[ \t]*:[ \t]*(['\"]?){re.escape(person_id)}\1(?=[\s,}}]|$)"
    found = list(re.finditer(pattern, text))
    return line_and_column(text, found[1].start())[0] if len(found) > 1 else 1
