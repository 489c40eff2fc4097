"""The audit's settings: read from mkdocs.yml, and applied to every finding.

The CLI runs without MkDocs, so mkdocs.yml is read here as plain YAML: the
``docs_dir`` and the ``evidence`` plugin entry's options. A site's config often
holds tags only MkDocs can construct (``!ENV``, ``!!python/name:...``); they
load as None instead of failing, because the audit needs none of them.

The MkDocs plugin validates its own options with :func:`settings_from_options`,
so the build and the CLI accept and refuse exactly the same configuration; both
take the defaults from :mod:`evidence_guides.options`.
"""

from __future__ import annotations

import datetime
import difflib
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from evidence_guides.audit.model import AuditInputError, AuditSettings
from evidence_guides.audit.registry import RULES
from evidence_guides.files.limits import (
    CONFIG_LIMIT,
    COUNTS,
    LIMIT_NAMES,
    MAX_MB,
    Limits,
    yaml_refusal,
)
from evidence_guides.files.source import SourceError, read_source
from evidence_guides.findings import line_and_column
from evidence_guides.guide.call_to_action import CallToActionError, read_call_to_action
from evidence_guides.guide.muscles import EMPTY, MuscleVocabulary, VocabularyError, load_vocabulary
from evidence_guides.options import DEFAULT_DOCS_DIR, DEFAULTS, MAX_SEARCH_SHARDS, PLUGIN

if TYPE_CHECKING:
    from evidence_guides.audit.model import SeveritySetting

_SEVERITIES = ("error", "warning", "off")
TODAY_VARIABLE = "GUIDES_TODAY"
_WHERE = f"plugins.{PLUGIN}"

# Where a problem is in the config: keys and list indexes from the document root.
KeyPath = tuple[str | int, ...]


class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that reads any tag it does not know (``!ENV``, ``!!python/...``) as None."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("", _unknown_tag)


class _OptionError(Exception):
    """A bad option: the message, and where the option is (for a line number)."""

    def __init__(self, message: str, where: KeyPath) -> None:
        super().__init__(message)
        self.where = where


def load_settings(config_file: Path, *, include_drafts: bool = False) -> AuditSettings:
    """Settings for the project whose config is ``config_file`` (mkdocs.yml).

    Raises :class:`AuditInputError` with a one-line ``file[:line]: problem``
    message when the file is missing, is not YAML, or sets a bad option.
    """
    name = config_file.as_posix()
    try:
        text = read_source(config_file, name, CONFIG_LIMIT)
    except SourceError as error:
        raise AuditInputError(str(error)) from None

    refusal = yaml_refusal(text, Limits(), "YAML")
    if refusal is not None:  # before the composer, which recurses once per level
        offset, message = refusal
        line, column = line_and_column(text, offset)
        raise AuditInputError(f"{name}:{line}:{column}: {message}")
    node, config = _load_yaml(text, name)
    if not isinstance(config, Mapping):
        raise AuditInputError(f"{name}: expected a mapping of settings, like mkdocs.yml")
    root = config_file.resolve().parent
    try:
        docs_dir = config.get("docs_dir", DEFAULT_DOCS_DIR)
        if not isinstance(docs_dir, str) or not docs_dir.strip():
            raise _OptionError("docs_dir must be a folder name", ("docs_dir",))
        options, where = _plugin_options(config.get("plugins"))
        return _settings(root, root / docs_dir, options, where, include_drafts=include_drafts)
    except _OptionError as error:
        line = _line_of(node, error.where)
        at = f"{name}:{line}" if line else name
        raise AuditInputError(f"{at}: {error}") from None


def settings_from_options(
    root: Path, docs_dir: Path, options: Mapping[str, Any], *, config_name: str = "mkdocs.yml"
) -> AuditSettings:
    """Settings from the plugin's own option values (``bib``, ``guides_dir``, ``rules``).

    ``root`` is the folder of the config file; relative paths in the options
    are relative to it. Raises :class:`AuditInputError` naming ``config_name``.
    """
    try:
        return _settings(root, docs_dir, options, (PLUGIN,))
    except _OptionError as error:
        raise AuditInputError(f"{config_name}: {error}") from None


def _load_yaml(text: str, name: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (for line numbers) and its value."""
    loader = _ConfigLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        at = f"{name}:{mark.line + 1}" if mark is not None else name
        problem = " ".join(str(error.problem or error.context or "unreadable").split())
        raise AuditInputError(f"{at}: not valid YAML: {problem}") from None
    except yaml.YAMLError as error:
        problem = " ".join(str(error).split())
        raise AuditInputError(f"{name}: not valid YAML: {problem}") from None
    finally:
        loader.dispose()


def _plugin_options(plugins: Any) -> tuple[Mapping[str, Any], KeyPath]:
    """The ``evidence`` entry's options and where they are; empty when it has none.

    MkDocs accepts the plugins as a list of names and single-key mappings, or
    as one mapping of name to options.
    """
    if plugins is None:
        return {}, ()
    if isinstance(plugins, Mapping):
        items: Sequence[tuple[Any, Any, KeyPath]] = [
            (name, options, ("plugins", name)) for name, options in plugins.items()
        ]
    elif isinstance(plugins, list):
        items = []
        for index, item in enumerate(plugins):
            if isinstance(item, Mapping) and len(item) == 1:
                ((name, options),) = item.items()
                items.append((name, options, ("plugins", index, name)))
            elif isinstance(item, str):
                items.append((item, None, ("plugins", index)))
    else:
        raise _OptionError("plugins must be a list or a mapping", ("plugins",))
    for name, options, where in items:
        if name == PLUGIN:
            if options is None:
                return {}, where
            if not isinstance(options, Mapping):
                raise _OptionError(f"{_WHERE} must be a mapping of options", where)
            return options, where
    return {}, ()


def _settings(
    root: Path,
    docs_dir: Path,
    options: Mapping[str, Any],
    where: KeyPath,
    *,
    include_drafts: bool = False,
) -> AuditSettings:
    """Check the plugin options and build the settings; raise :class:`_OptionError`."""
    bib = _text_option(options, "bib", DEFAULTS.bib, where)
    guides_dir = _text_option(options, "guides_dir", DEFAULTS.guides_dir, where)
    folder = guides_dir.strip("/")
    if "/" in folder or "\\" in folder or folder.strip() in ("", ".", ".."):  # not one folder
        message = f"{_WHERE}.guides_dir must be one folder of docs_dir, not {guides_dir!r}"
        raise _OptionError(message, (*where, "guides_dir"))
    guides_dir = guides_dir.strip("/")
    if docs_dir.is_dir() and not (docs_dir / guides_dir).is_dir():
        message = (
            f"{_WHERE}.guides_dir {guides_dir!r} names no folder of docs_dir"
            f" {docs_dir.name}/; create it or set the option"
        )
        raise _OptionError(message, (*where, "guides_dir"))
    parallel = options.get("parallel", DEFAULTS.parallel)
    if not isinstance(parallel, bool):
        message = f"{_WHERE}.parallel must be true or false, got {parallel!r}"
        raise _OptionError(message, (*where, "parallel"))
    shards = options.get("search_shards", DEFAULTS.search_shards)
    whole = isinstance(shards, int) and not isinstance(shards, bool)
    if not whole or not 1 <= shards <= MAX_SEARCH_SHARDS:
        message = (
            f"{_WHERE}.search_shards must be a whole number from 1 to {MAX_SEARCH_SHARDS},"
            f" got {shards!r}"
        )
        raise _OptionError(message, (*where, "search_shards"))
    return AuditSettings(
        root=root,
        docs_dir=docs_dir,
        bib=root / bib,
        guides_dir=guides_dir,
        severities=_severities(options.get("rules"), (*where, "rules")),
        include_drafts=include_drafts,
        parallel=parallel,
        limits=_limits(options.get("limits"), (*where, "limits")),
        muscles=_vocabulary(root, options, where),
        **_trust_options(root, options, where),
    )


def _trust_options(root: Path, options: Mapping[str, Any], where: KeyPath) -> dict[str, Any]:
    """The people file, the age of a stale review and the call to action (issue 17)."""
    people = _text_option(options, "people", DEFAULTS.people, where)
    months = options.get("stale_review_months", DEFAULTS.stale_review_months)
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 1200:
        message = (
            f"{_WHERE}.stale_review_months must be a whole number of months from 1 to 1200"
            f" (100 years), got {months!r}"
        )
        raise _OptionError(message, (*where, "stale_review_months"))
    try:
        call_to_action = read_call_to_action(options.get("call_to_action"))
    except CallToActionError as error:
        raise _OptionError(
            f"{_WHERE}.call_to_action: {error}", (*where, "call_to_action")
        ) from None
    return {
        "people": root / people,
        "stale_review_months": months,
        "call_to_action": call_to_action,
        "today": _today(),
    }


def _today() -> datetime.date | None:
    """``GUIDES_TODAY`` (YYYY-MM-DD): the day review ages are counted to, for a run that
    must give the same findings whatever day it runs (a CI job, the test suite)."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        message = f"{TODAY_VARIABLE} must be a date (YYYY-MM-DD), not {value!r}"
        raise _OptionError(message, ()) from None


def _vocabulary(root: Path, options: Mapping[str, Any], where: KeyPath) -> MuscleVocabulary:
    """The muscle vocabulary; empty when the default file is absent (another named must exist)."""
    name = _text_option(options, "muscles", DEFAULTS.muscles, where)
    file = root / name
    if name == DEFAULTS.muscles and not file.exists():
        return EMPTY
    try:
        return load_vocabulary(file, name)
    except VocabularyError as error:
        raise AuditInputError(str(error)) from None


def _limits(values: Any, where: KeyPath) -> Limits:
    """The ``limits`` option: numbers greater than 0 (whole numbers for counts)."""
    if values is None:
        return Limits()
    if not isinstance(values, Mapping):
        raise _OptionError(f"{_WHERE}.limits must be a mapping of limit to number", where)
    limits: dict[str, Any] = {}
    for name, value in values.items():
        if name not in LIMIT_NAMES:
            close = difflib.get_close_matches(str(name), LIMIT_NAMES, n=1)
            also = f" (did you mean {close[0]!r}?)" if close else ""
            message = f"unknown limit {name!r} in {_WHERE}.limits{also}"
            raise _OptionError(message, (*where, name))
        whole = name in COUNTS
        number = isinstance(value, int) or (isinstance(value, float) and not whole)
        finite = not isinstance(value, float) or math.isfinite(value)  # 10**400 is no float
        most = math.inf if whole else MAX_MB
        if isinstance(value, bool) or not number or not (finite and 0 < value <= most):
            kind = "a whole number" if whole else "a number"
            under = "" if whole else f" and at most {MAX_MB:,}"
            message = f"{_WHERE}.limits.{name} must be {kind} greater than 0{under}, got {value!r}"
            raise _OptionError(message, (*where, name))
        limits[name] = value
    return Limits(**limits)


def _text_option(options: Mapping[str, Any], name: str, default: str, where: KeyPath) -> str:
    value = options.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise _OptionError(f"{_WHERE}.{name} must be a path, got {value!r}", (*where, name))
    return value


def _severities(rules: Any, where: KeyPath) -> dict[str, SeveritySetting]:
    if rules is None:
        return {}
    if not isinstance(rules, Mapping):
        message = f"{_WHERE}.rules must be a mapping of rule id to error, warning or off"
        raise _OptionError(message, where)
    severities: dict[str, SeveritySetting] = {}
    for rule, value in rules.items():
        if rule not in RULES:
            close = difflib.get_close_matches(str(rule), list(RULES), n=1)
            also = f" (did you mean {close[0]!r}?)" if close else ""
            raise _OptionError(f"unknown rule {rule!r} in {_WHERE}.rules{also}", (*where, rule))
        if value is False:  # YAML 1.1 reads a bare `off` as false
            value = "off"
        if value not in _SEVERITIES:
            message = (
                f"bad severity {value!r} for rule {rule!r} in {_WHERE}.rules"
                " (expected error, warning or off)"
            )
            raise _OptionError(message, (*where, rule))
        severities[rule] = value
    return severities


def _line_of(node: yaml.Node | None, where: KeyPath) -> int | None:
    """The 1-based line of the key or item at ``where``; the deepest one found."""
    line = None
    for step in where:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == step:
                    line, node = key.start_mark.line + 1, value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                return line
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
