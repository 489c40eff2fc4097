"""The muscle vocabulary: the muscle groups readers think in, and the muscles guides name.

Readers look for "hip flexors"; guides name muscles precisely ("iliopsoas",
"rectus femoris"). One data file (``muscles.yml`` beside mkdocs.yml, the
plugin's ``muscles`` option) joins the two: each group lists its muscles, and
each muscle the other names an editor may write for it. The audit checks every
guide's muscle names against it; the landing page's filter, the listings and
the structured data use the groups, and only the muscles a guide trains
(:data:`TRAINS`: primary and secondary movers) count there. Stabilisers and
antagonists are shown on the guide, never filtered on.

A project without the file has an empty vocabulary: names are not checked,
and each muscle stands for a group of its own, so listings still work.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from evidence_guides.files.limits import CONFIG_LIMIT, Limits, yaml_refusal
from evidence_guides.files.source import SourceError, read_source
from evidence_guides.findings import line_and_column
from evidence_guides.text.sanitize import visible_text

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.model import Guide

TRAINS: tuple[str, ...] = ("primary", "secondary")
"""The roles that count for what a guide trains: filters, listings, structured data."""

_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class VocabularyError(Exception):
    """The vocabulary file cannot be used: one line naming the file and the line."""


def _key(name: str) -> str:
    """How names are compared: case and runs of white space do not matter."""
    return _SPACES.sub(" ", name).strip().casefold()


def _slug(name: str) -> str:
    return _NOT_SLUG.sub("-", name.casefold()).strip("-")


@dataclass(frozen=True, slots=True)
class MuscleGroup:
    """A group of muscles as readers name it ("Hip flexors"), and its URL-safe slug."""

    name: str
    slug: str
    muscles: tuple[str, ...] = ()  # the canonical names of its muscles, as the file lists them


@dataclass(frozen=True, slots=True)
class KnownMuscle:
    """A muscle of the vocabulary: its canonical name, its group, the other names it goes by."""

    name: str
    group: MuscleGroup
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MuscleVocabulary:
    """Every group and muscle of the vocabulary file; empty when a project has none."""

    groups: tuple[MuscleGroup, ...] = ()
    path: str = ""  # the file as editors see it, relative to mkdocs.yml; "" without one
    _names: dict[str, KnownMuscle] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, muscles: Iterable[KnownMuscle], path: str = "") -> MuscleVocabulary:
        known = list(muscles)
        groups = tuple(dict.fromkeys(muscle.group for muscle in known))
        names = {_key(name): m for m in known for name in (m.name, *m.aliases)}
        return cls(groups, path, names)

    @property
    def is_empty(self) -> bool:
        return not self._names

    def lookup(self, name: str) -> KnownMuscle | None:
        """The muscle a guide means by ``name`` (its name or an alias, in any case)."""
        return self._names.get(_key(name))

    def closest(self, name: str) -> str | None:
        """The known name nearest to ``name``, for a finding's suggestion."""
        spelled = {_key(n): n for m in self._names.values() for n in (m.name, *m.aliases)}
        found = difflib.get_close_matches(_key(name), list(spelled), n=1, cutoff=0.5)
        return spelled[found[0]] if found else None

    def group_of(self, name: str) -> MuscleGroup:
        """The group of a muscle; a name the vocabulary does not know is a group of its own."""
        known = self.lookup(name)
        if known is not None:
            return known.group
        written = _SPACES.sub(" ", name).strip()
        return MuscleGroup(written, _slug(written), (written,))

    def display_name(self, name: str) -> str:
        """The canonical name of a muscle a guide names, or the name as written."""
        known = self.lookup(name)
        return known.name if known is not None else name


EMPTY = MuscleVocabulary()


def muscle_groups(guide: Guide, vocabulary: MuscleVocabulary) -> list[MuscleGroup]:
    """The groups a guide trains: of its primary and secondary muscles, in the guide's order.

    This is what the landing page filters on, listing pages "by muscle" list a
    guide under, and the structured data names; a stabiliser or an antagonist
    does not make a guide one that trains its group.
    """
    found = (vocabulary.group_of(m.name) for m in guide.muscles if m.role in TRAINS)
    return list(dict.fromkeys(found))


def load_vocabulary(file: Path, path: str) -> MuscleVocabulary:
    """Read the vocabulary file ``file`` (``path`` as editors see it); check every entry.

    Raises :class:`VocabularyError` with ``path:line: problem`` for a file that
    cannot be read, is not YAML, breaks the format or names one muscle twice.
    """
    try:
        text = read_source(file, path, CONFIG_LIMIT)
    except SourceError as error:
        raise VocabularyError(str(error)) from None
    refusal = yaml_refusal(text, Limits(), "YAML")
    if refusal is not None:
        line, column = line_and_column(text, refusal[0])
        raise VocabularyError(f"{path}:{line}:{column}: {refusal[1]}")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else path
        problem = " ".join(str(getattr(error, "problem", None) or error).split())
        raise VocabularyError(f"{at}: not valid YAML: {problem}") from None
    return MuscleVocabulary.of(_Reader(path).muscles(root), path)


class _Reader:
    """Walks the file's YAML nodes, so that every problem names its line."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: dict[str, tuple[int, int]] = {}  # every name and alias: where it is

    def fail(self, node: yaml.Node | None, problem: str) -> VocabularyError:
        mark = node.start_mark if node is not None else None
        at = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "1:1"
        return VocabularyError(f"{self.path}:{at}: {problem}")

    def mapping(self, node: yaml.Node | None, keys: tuple[str, ...], what: str) -> dict:
        """The mapping's values by key; a key it cannot have, or has twice, is refused.

        YAML itself keeps the last of two values of a key: a group's second
        ``group:`` would rename it unseen.
        """
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"expected {what}: a mapping with {', '.join(keys)}")
        found: dict[str, yaml.Node] = {}
        first: dict[str, int] = {}  # each key's line
        for key, value in node.value:
            if key.value not in keys:
                close = difflib.get_close_matches(str(key.value), keys, n=1)
                also = f" (did you mean {close[0]!r}?)" if close else ""
                raise self.fail(key, f"unknown key {key.value!r} in {what}{also}")
            if key.value in first:
                raise self.fail(
                    key,
                    f"duplicate key {key.value!r} in {what} (first on line {first[key.value]}):"
                    " YAML keeps only the last value; delete one of them",
                )
            found[key.value], first[key.value] = value, key.start_mark.line + 1
        return found

    def items(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise self.fail(node, f"{what} must be a list of at least one item")
        return list(node.value)

    def text(self, node: yaml.Node | None, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            raise self.fail(node, f"{what} must be a name")
        if re.search(r"[<>]", node.value):
            raise self.fail(node, f"{what} is plain text: '<' and '>' are not allowed")
        return visible_text(_SPACES.sub(" ", node.value).strip())  # as guides name it

    def unique(self, node: yaml.Node, name: str) -> str:
        where = (node.start_mark.index, node.start_mark.line + 1)
        first = self.seen.setdefault(_key(name), where)
        if first != where:
            raise self.fail(node, f"{name!r} is named twice (also on line {first[1]})")
        return name

    def muscles(self, root: yaml.Node | None) -> Iterator[KnownMuscle]:
        top = self.mapping(root, ("groups",), "the vocabulary")
        for group_node in self.items(top.get("groups"), "groups"):
            fields = self.mapping(group_node, ("group", "muscles"), "a group")
            name = self.text(fields.get("group", group_node), "a group's 'group'")
            muscles = self.items(fields.get("muscles", group_node), f"group {name!r}: muscles")
            entries = []
            for muscle_node in muscles:
                entry = self.mapping(muscle_node, ("name", "aliases"), "a muscle")
                muscle = self.text(entry.get("name", muscle_node), "a muscle's 'name'")
                self.unique(entry.get("name", muscle_node), muscle)
                aliases = []
                if "aliases" in entry:
                    for alias_node in self.items(entry["aliases"], f"{muscle!r}: aliases"):
                        alias = self.text(alias_node, f"an alias of {muscle!r}")
                        aliases.append(self.unique(alias_node, alias))
                entries.append((muscle, tuple(aliases)))
            group = MuscleGroup(name, _slug(name), tuple(muscle for muscle, _ in entries))
            yield from (KnownMuscle(muscle, group, aliases) for muscle, aliases in entries)
