"""Limits on what a page, the store and a YAML block may be, checked before anything reads them.

MkDocs and the audit hand a page to code whose cost grows faster than the page:
Python-Markdown recurses once per level of lists and quotes (a few hundred
levels end in a RecursionError), libyaml's composer recurses in C (100,000
nested brackets end the process with signal 11), YAML aliases repeat a node
without copying it until something walks it (a billion laughs), and BibTeX
macros double a string at each use. The checks here are linear in the text,
run before MkDocs, libyaml or the store's parser see it, and refuse with one
line naming the file, the line and the option that raises the limit.

YAML is first bounded cheaply and soundly: a block collection nests no deeper
than the column its content starts at (each level is indented, or written
after a two-character ``- ``, ``? `` or ``: ``), and a flow collection no
deeper than the number of its opening brackets. Only a document that may pass
a limit by that bound, or that has both an anchor and an alias, is read as
YAML events (libyaml's parser, which does not recurse) to count exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from evidence_guides.files.openers import crowded_paragraph
from evidence_guides.files.source import ByteLimit
from evidence_guides.findings import line_and_column
from evidence_guides.text.front_matter import split_front_matter

OPTION = "plugins.evidence.limits"
_MB = 1024 * 1024
_CONFIG_BYTES = 5 * _MB  # mkdocs.yml is read before its limits are known


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits, as set under ``limits:`` in the plugin's entry in mkdocs.yml."""

    page_mb: float = 5  # one page, front-matter included
    store_mb: float = 50  # the BibTeX store; also its values' text once macros are expanded
    yaml_depth: int = 50  # collections in collections, in front-matter and mkdocs.yml
    yaml_alias_nodes: int = 1_000  # nodes that aliases (*name) repeat, counted as expanded
    markdown_depth: int = 50  # lists, quotes and indented blocks in one another
    markdown_openers: int = 4_000  # '[' and '<tag' in one paragraph, or their like (see below)
    bib_value_chars: int = 100_000  # one store value, its @string macros expanded

    @property
    def page(self) -> ByteLimit:
        return ByteLimit(int(self.page_mb * _MB), "a page", f"{OPTION}.page_mb")

    @property
    def store(self) -> ByteLimit:
        return ByteLimit(int(self.store_mb * _MB), "the reference store", f"{OPTION}.store_mb")

    @property
    def store_chars(self) -> int:
        """The characters all the store's values may expand to together."""
        return int(self.store_mb * _MB)


LIMIT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Limits))
COUNTS: frozenset[str] = frozenset(f.name for f in fields(Limits) if f.type == "int")
MAX_MB = 1_000_000  # a terabyte: a size in bytes must fit what reads and maps a file take
CONFIG_LIMIT = ByteLimit(_CONFIG_BYTES, "a configuration file", "")
_DEFAULTS = Limits()


def option(name: str) -> str:
    """Where a limit is set, for messages: ``plugins.evidence.limits.NAME``."""
    return f"{OPTION}.{name}"


def how_to_raise(name: str) -> str:
    """The end of a refusal: the option that raises the limit ``name``."""
    return f"(set {option(name)} to raise the limit)"


# --- pages ------------------------------------------------------------------------------------


def page_refusal(text: str, limits: Limits) -> tuple[int, int, str] | None:
    """The line, column and reason where a page passes a limit; None when it is within them.

    The front-matter is checked as MkDocs will read it (YAML), the body as
    Markdown. ``text`` is the decoded page, as ``sourcefile.read_source`` gives it.
    """
    source = split_front_matter(text)
    if source.meta_text is not None:
        found = yaml_refusal(source.meta_text, limits, "front-matter")
        if found is not None:
            offset, message = found
            return (*line_and_column(text, text.index("\n") + 1 + offset), message)
    found = markdown_refusal(text, source.body_offset, limits)
    if found is not None:
        offset, message = found
        return (*line_and_column(text, offset), message)
    return None


# --- YAML -------------------------------------------------------------------------------------

# A line's indentation and the "- ", "? " and ": " indicators that open collections on it
# (and then some: a bound is all it needs to be; "\n" first is what the engine finds fastest).
_BLOCK_PREFIX = re.compile(r"\n[ \t?:-]*")
_ANCHOR = re.compile(r"&[^\s,\[\]{}]")
_ALIAS = re.compile(r"\*[^\s,\[\]{}]")


def yaml_refusal(text: str, limits: Limits, what: str = "YAML") -> tuple[int, str] | None:
    """Where YAML ``text`` nests or repeats past the limits (its offset), and why; or None."""
    # Opening brackets bound the flow depth, quoted ones included: counting closing
    # ones too would let '["]", ["]", ...' hide a flow 100,000 deep.
    flow = text.count("[") + text.count("{")
    block = _longest_prefix(text, 0, _BLOCK_PREFIX, " \t?:-") + 2
    repeats = _ANCHOR.search(text) is not None and _ALIAS.search(text) is not None
    if block + flow <= limits.yaml_depth and not repeats:
        return None
    return _counted_refusal(text, limits, what)


def _longest_prefix(text: str, start: int, after_newline: re.Pattern[str], chars: str) -> int:
    """The longest run of ``chars`` that starts a line from ``start`` on (plus one).

    A pattern that starts with a newline is one the regular expression engine
    finds fast; the first line is measured apart.
    """
    first = len(text) - start - len(text[start:].lstrip(chars))
    return max(first, max(map(len, after_newline.findall(text, start)), default=0))


def _counted_refusal(text: str, limits: Limits, what: str) -> tuple[int, str] | None:
    """The exact count, from libyaml's events: nesting, and the nodes aliases repeat.

    The parser does not recurse, and it stops at the first level past the limit:
    libyaml's scanner slows down with the square of the flow depth, which is
    then at most the limit.
    """
    import yaml
    from yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        ScalarEvent,
        StreamEndEvent,
    )

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # parsers that do not recurse
    events = loader(text)
    sizes: dict[str, int] = {}  # anchor -> the nodes it stands for, aliases expanded
    open_nodes: list[list[Any]] = []  # [anchor, nodes so far] of each open collection
    repeated = 0
    try:
        while not isinstance(event := events.get_event(), StreamEndEvent):
            if isinstance(event, CollectionStartEvent):
                if len(open_nodes) >= limits.yaml_depth:
                    message = (
                        f"{what} nests more than {limits.yaml_depth} levels deep"
                        f" {how_to_raise('yaml_depth')}"
                    )
                    return event.start_mark.index, message
                open_nodes.append([event.anchor, 1])
                continue
            if isinstance(event, CollectionEndEvent):
                anchor, nodes = open_nodes.pop()
            elif isinstance(event, ScalarEvent):
                anchor, nodes = event.anchor, 1
            elif isinstance(event, AliasEvent):
                anchor, nodes = None, sizes.get(event.anchor, 1)
                repeated += nodes
                if repeated > limits.yaml_alias_nodes:
                    message = (
                        f"{what}'s aliases (*name) repeat more than {limits.yaml_alias_nodes:,}"
                        f" nodes {how_to_raise('yaml_alias_nodes')}"
                    )
                    return event.start_mark.index, message
            else:
                continue
            if anchor is not None:
                sizes[anchor] = nodes
            if open_nodes:
                open_nodes[-1][1] += nodes
    except yaml.YAMLError:
        return None  # not YAML from here on: whoever reads it stops here too
    finally:
        events.dispose()
    return None


# --- Markdown ---------------------------------------------------------------------------------

# Lines that may open a container: indented, a quote, a list item or an HTML tag.
_CANDIDATE = re.compile(r"^[ \t>*+\-0-9<][^\n]*", re.MULTILINE)
# Quote markers, list markers and the white space between them, at a line's start.
_CONTAINERS = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)))*[ \t]*")
# Every character a container prefix may hold, after each newline: a bound on its length.
_PREFIXES = re.compile(r"\n[ \t>*+0-9.)-]*")
_PREFIX_PART = re.compile(r"[ \t]+|>|[-*+]|[0-9]+[.)]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown\b")
_TAB_WIDTH = 4  # Python-Markdown's: a nested block is indented by it


def markdown_refusal(text: str, start: int, limits: Limits) -> tuple[int, str] | None:
    """Where the Markdown from ``start`` passes a limit, and why; or None.

    It may nest no deeper than ``limits.markdown_depth`` (:func:`_depth_refusal`),
    and hold no more link and tag openers than ``limits.markdown_openers``
    allows (:func:`_openers_refusal`).
    """
    return _depth_refusal(text, start, limits) or _openers_refusal(text, start, limits)


def field_markdown_refusal(text: str) -> str | None:
    """Why a front-matter field's Markdown passes the default limits; None when it is within.

    A field (an FAQ answer, a mistake's fix) is converted by the same
    Python-Markdown as the body, so it gets the same checks; but with the
    defaults whatever the site sets, as a field is a sentence or a short answer
    (far from them), and the page's value must not have to grow for a body's sake.
    """
    found = markdown_refusal(text, 0, _DEFAULTS)
    return None if found is None else found[1].partition(" (set ")[0]


def _depth_refusal(text: str, start: int, limits: Limits) -> tuple[int, str] | None:
    """Where the Markdown from ``start`` nests past ``limits.markdown_depth``, and why; or None.

    A line's depth is the quote and list markers it starts with, and its
    indentation in steps of four columns (Python-Markdown nests a block by
    indenting it four), plus the HTML elements around it whose ``markdown``
    attribute has their content parsed as Markdown (``md_in_html``). Code blocks
    count too: whether a fence is one depends on the site's extensions, and a
    fence that is not one would hide the lines after it. The open elements are
    an estimate (a closing tag in a comment or in code is no closing tag to
    Markdown), so there may be at most twice the limit of them in all: nesting
    them all is still far from Python's recursion limit.
    """
    limit = limits.markdown_depth
    # Each level takes at least one character of a line's prefix (a marker, or a
    # tab or four spaces): most pages are far within the limit by that bound alone.
    longest = _longest_prefix(text, start, _PREFIXES, " \t>*+0123456789.)-")
    if "markdown" not in text and longest <= limit:
        return None
    in_html: dict[str, list[int]] = {}  # tag -> [open markdown elements, other open elements]
    elements = 0  # with a markdown attribute, in all
    for line in _CANDIDATE.finditer(text, start):
        prefix = _CONTAINERS.match(line[0])
        assert prefix is not None  # it matches the empty string
        depth = _prefix_depth(prefix[0])
        if "<" in line[0]:
            elements += _count_tags(line[0][prefix.end() :], in_html)
            if elements > 2 * limit:
                message = (
                    f"Markdown has more than {2 * limit} HTML elements with a markdown attribute"
                    f" {how_to_raise('markdown_depth')}"
                )
                return line.start(), message
        depth += sum(counts[0] for counts in in_html.values())
        if depth > limit:
            message = (
                f"Markdown nests lists, quotes or indented blocks more than {limit} levels"
                f" deep {how_to_raise('markdown_depth')}"
            )
            return line.start(), message
    return None


def _prefix_depth(prefix: str) -> int:
    """Levels a line's container prefix opens: each marker, and each four columns of indent.

    The one space a marker needs after it is part of the marker.
    """
    markers = columns = 0
    after_marker = False
    for part in _PREFIX_PART.findall(prefix):
        if part[0] in " \t":
            columns += len(part.expandtabs(_TAB_WIDTH)) - after_marker
            after_marker = False
        else:
            markers += 1
            after_marker = True
    return markers + columns // _TAB_WIDTH


def _count_tags(text: str, in_html: dict[str, list[int]]) -> int:
    """Open and close HTML elements; the elements with a markdown attribute opened.

    A closing tag closes an element without ``markdown`` first: closing the
    other kind first could only over-count the Markdown ones.
    """
    opened = 0
    for tag in _TAG.finditer(text):
        closing, name, attributes = tag[1], tag[2].lower(), tag[3]
        counts = in_html.setdefault(name, [0, 0])
        if not closing:
            if not attributes.endswith("/"):
                markdown = _MARKDOWN_ATTRIBUTE.search(attributes) is not None
                counts[0 if markdown else 1] += 1
                opened += markdown
        elif counts[1]:
            counts[1] -= 1
        elif counts[0]:
            counts[0] -= 1
    return opened


def _openers_refusal(text: str, start: int, limits: Limits) -> tuple[int, str] | None:
    """Where the Markdown from ``start`` holds too many openers, and why; or None.

    See :mod:`evidence_guides.files.openers`: Python-Markdown's time grows with
    the square of a paragraph's ``[``, ``<a``, backtick, ``*`` and ``_`` runs.
    """
    limit = limits.markdown_openers
    crowded = crowded_paragraph(text, start, limit)
    if crowded is None:
        return None
    most, at = crowded
    message = (
        f"Markdown holds {most:,} openers in one paragraph ('[', '<tag', '`', '*' or '_'; or"
        " '!!!' and '???' blocks in the page): Python-Markdown's time grows with the square"
        f" of their number, and the paragraphs here hold more than the equivalent of {limit:,}"
        f" in one (split the paragraph, or escape them: \\[) {how_to_raise('markdown_openers')}"
    )
    return at, message
