"""The audit's rules: one record each, in the one registry everything else reads.

A :class:`Rule` says what a rule is (its id, default severity, summary and
description, which the README's rule table, ``--help`` and SARIF show) and
how it is checked: the function of its family under ``audit/rules/`` and the
scope it runs in. Rules of one family share a check ("unresolved-citation"
and "retracted-source" are one reading of the citations), which the engine
runs once. Adding a rule is one module under ``rules/`` and one record here.

Scopes:

- ``segment``: once per prose segment (a page's body; a guide's front-matter
  text fields, joined), as ``check(SegmentContext, Sink)``;
- ``page``: once per page, as ``check(PageContext, Sink)``;
- ``store``: once per store, as ``check(BibStore, AuditSettings) -> findings``;
- ``corpus``: once per run, across pages, as ``check(CorpusContext) -> findings``;
A rule found where its input is read (by the store's parser, the front-matter
model, ``guides refs verify``, the suppression comments) and re-emitted by
the audit has no check here, or only the part the audit adds.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from evidence_guides import rule_ids
from evidence_guides.audit.rules import (
    author_date,
    broken_links,
    characters,
    citations,
    claims,
    designs,
    duplicates,
    encoding,
    guide,
    images,
    links,
    malformed_citation,
    people,
    quotes,
    review,
    store,
)

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.findings import Severity

Scope = Literal["segment", "page", "store", "corpus"]


@dataclass(frozen=True, slots=True)
class Check:
    """A function of a rule family, and the scope it runs in (see the module's docstring)."""

    scope: Scope
    run: Callable[..., Any]


@dataclass(frozen=True, slots=True)
class Rule:
    """One audit rule: what it is, and how it is checked."""

    id: str
    severity: Severity  # the default
    summary: str  # one line, for --help, SARIF and the README
    # What the rule catches and how to fix it, in two or three sentences: SARIF's
    # fullDescription, which code-scanning services show beside a result.
    description: str
    checks: tuple[Check, ...] = ()  # none for a rule found elsewhere

    @property
    def anchor(self) -> str:
        """The id of the rule's row in the README's rule table, which SARIF links to."""
        return f"rule-{self.id}"


REGISTRY: tuple[Rule, ...] = (
    Rule(
        rule_ids.UNRESOLVED_CITATION,
        "error",
        "A cited key or PMID is not in the store.",
        description="A citation such as [@key] or [PMID 123] names nothing in the reference"
        " store, so the page would show a broken reference. Fix the key's spelling (the"
        " suggestion names the closest key), or add the source with 'guides refs add PMID'.",
        checks=(Check("segment", citations.check),),
    ),
    Rule(
        rule_ids.MALFORMED_CITATION,
        "error",
        "Something that looks like a citation but does not parse, such as '[@key p. 3]' or"
        " '(@key)'.",
        description="Text shaped like a citation that the citation syntax does not read,"
        " so the page would show it as written instead of linking a source. Write it in one"
        " of the citation forms: [@key], [@key, p. 3], [@a; @b] or [PMID 123].",
        checks=(Check("segment", malformed_citation.check),),
    ),
    Rule(
        rule_ids.VAGUE_REFERENCE,
        "error",
        "A citation in prose without an identifier: '(n.d.)', author-year, a truncated title,"
        " '[1]', a DOI.",
        description="A source named only in prose, such as '(Smith, 2019)', '(n.d.)', the"
        " start of a title, a reference typed by hand, a numbered citation ('[1]') or a DOI,"
        " which a reader cannot look up for certain. Cite it by key or PMID ([@smith2019],"
        " [PMID 123]); the suggestion names the store entry it most likely means.",
        checks=(Check("segment", author_date.check), Check("segment", malformed_citation.check)),
    ),
    Rule(
        rule_ids.CITATION_MISMATCH,
        "error",
        "An author or year written beside a citation disagrees with its entry.",
        description="A narrative citation such as 'Smith et al. (2012) [@garber2011]' whose"
        " written author or year differs from the cited entry, so the text and the reference"
        " list disagree. Correct the author or year in the text, or cite the entry that was"
        " meant.",
        checks=(Check("segment", author_date.check),),
    ),
    Rule(
        rule_ids.UNSUPPORTED_CLAIM,
        "warning",
        "'Studies show' and similar phrases in a sentence with no citation.",
        description="A phrase that appeals to evidence ('studies show', 'research suggests')"
        " in a sentence that cites nothing. Cite the studies meant in the same sentence, or"
        " reword the claim so it no longer leans on unnamed evidence.",
        checks=(Check("segment", claims.check),),
    ),
    Rule(
        rule_ids.BIB_INVALID_ENTRY,
        "error",
        "A store entry without author, title, year or identifier, with an unknown design, or"
        " a BibTeX syntax error.",
        description="A reference store entry that cannot be cited reliably: it lacks an"
        " author, title or year, has a malformed PMID or DOI, a 'design' that names no study"
        " design, or the BibTeX around it does not parse. Complete or correct the entry at"
        " the reported line of the .bib file.",
        checks=(Check("store", store.store_findings), Check("store", designs.check_store)),
    ),
    Rule(
        rule_ids.BIB_DUPLICATE,
        "error",
        "Two store entries share a key, a PMID or a DOI.",
        description="Two entries in the reference store have the same key, PMID or DOI, so"
        " a citation could mean either. Keep one entry, and cite its key wherever the other"
        " was cited.",
        checks=(Check("store", store.store_findings),),
    ),
    Rule(
        rule_ids.UNUSED_REFERENCE,
        "warning",
        "A store entry that no guide cites.",
        description="An entry in the reference store that no audited page cites; it only"
        " runs when every page is audited. Cite it where it supports the text, or remove it"
        " from the store.",
        checks=(Check("corpus", store.check_corpus),),
    ),
    Rule(
        rule_ids.REFERENCE_DRIFT,
        "error",
        "An entry's title, first author, year or DOI differs from its PubMed record.",
        description="'guides refs verify' found that an entry's title, first author, year or"
        " DOI differs from the PubMed record of its PMID: a typo, or a PMID that belongs to"
        " another paper. Correct the field (the suggestion gives PubMed's value), or the"
        " PMID.",
    ),
    Rule(
        rule_ids.RETRACTED_SOURCE,
        "error",
        "A citation of an entry marked retracted.",
        description="A page cites an entry marked 'retracted = {true}' in the store, or"
        " 'guides refs verify' found PubMed marking its PMID retracted. Stop citing it: find"
        " sound evidence for the claim, or remove the claim.",
        checks=(Check("segment", citations.check),),
    ),
    Rule(
        rule_ids.DUPLICATE_PARAGRAPH,
        "warning",
        "The same paragraph twice, in one guide or across guides.",
        description="A paragraph of eight words or more that appears again, ignoring case"
        " and white space, in the same guide or another one; usually a copy-paste left"
        " behind. Remove the copy, or rewrite it for its own page.",
        checks=(Check("corpus", duplicates.check_corpus),),
    ),
    Rule(
        rule_ids.MOJIBAKE,
        "error",
        "Text decoded with the wrong codec, such as 'Ã©' where 'é' was meant.",
        description="Characters such as 'Ã©' or 'â€™' that come from UTF-8 text decoded as"
        " another encoding, usually after a copy from another program. Replace them with the"
        " intended text, which the suggestion gives.",
        checks=(Check("page", encoding.check),),
    ),
    Rule(
        rule_ids.FRONTMATTER_INVALID,
        "error",
        "Guide front-matter (or the people file) that breaks the model, or names a related"
        " guide or a person that does not exist.",
        description="A guide's YAML front-matter is missing a required field, has a value"
        " of the wrong type or outside the allowed values, links a related guide that"
        " does not exist, or names an author or reviewer the people file does not define"
        " (or the people file itself breaks its model). Fix the field named in the message;"
        " 'guides schema' prints the model for editors.",
        checks=(
            Check("page", guide.check_page),
            Check("corpus", guide.check_corpus),
            Check("page", people.check_page),
            Check("corpus", people.check_corpus),
        ),
    ),
    Rule(
        rule_ids.PLACEHOLDER,
        "error",
        "A 'TODO:' placeholder left from 'guides new'.",
        description="A 'TODO:' that 'guides new' wrote into a new guide's skeleton and that"
        " is still there, in the front-matter or the text. Replace it with the real content"
        " before the guide is published.",
        checks=(Check("page", guide.check_page),),
    ),
    Rule(
        rule_ids.BAD_SUPPRESSION,
        "error",
        "An 'audit: ignore' comment without a reason or naming an unknown rule.",
        description="An '<!-- audit: ignore[rule-id] reason -->' comment that gives no reason,"
        " names a rule that does not exist, or is not in that form; it silences nothing."
        " Name the rule exactly and say why the finding is wrong here.",
    ),
    Rule(
        rule_ids.HIDDEN_CHARACTER,
        "error",
        "A character a reader cannot see: NUL, a bidirectional override, a zero-width space.",
        description="A control character, a bidirectional override or isolate, or a"
        " zero-width character in a page, the store, the people file or the muscle vocabulary,"
        " written as itself, as a YAML escape ('\\u202e', '\\e') or as an HTML character"
        " reference ('&#x202e;'): it changes the order"
        " readers see text in, splits words invisibly, or ends a value early in other tools."
        " Delete it; the message names it by its code point.",
        checks=(
            Check("page", characters.check_page),
            Check("store", characters.check_store),
            Check("corpus", characters.check_data_files),
        ),
    ),
    Rule(
        rule_ids.UNSAFE_LINK,
        "error",
        "A link or image whose address is not http, https, mailto or relative, such as"
        " 'javascript:'.",
        description="A link or image, in Markdown or an HTML tag, whose address has a"
        " scheme such as 'javascript:', 'vbscript:' or 'data:' (in any case, or spelt with"
        " character references), which could run script in a reader's browser. The site"
        " publishes it without its address. Link with an http, https or mailto address,"
        " or to a page of the site by its file.",
        checks=(Check("segment", links.check),),
    ),
    Rule(
        rule_ids.STALE_REVIEW,
        "warning",
        "A guide whose last review is older than 'stale_review_months' (12 by default).",
        description="The guide's 'last_reviewed' date is more months ago than the project"
        " allows (the plugin's 'stale_review_months' option, 12 by default), so its evidence"
        " may be out of date. Review the guide against current evidence, then set"
        " 'last_reviewed' to the day of that review.",
        checks=(Check("page", review.check_page),),
    ),
    Rule(
        rule_ids.UNATTRIBUTED_QUOTE,
        "error",
        "An expert quote ('> [!quote]') without a speaker, or naming no one in the people file.",
        description="A quote written as an expert quote ('> [!quote] SPEAKER' as its first"
        " line) names no speaker, names a person id the people file does not define, or gives"
        " a name without credentials. Name the speaker by their id in the people file, or"
        " write 'NAME, CREDENTIALS' (and the affiliation) after the marker.",
        checks=(Check("page", quotes.check_page),),
    ),
    Rule(
        rule_ids.MISSING_SAFETY,
        "warning",
        "A guide without a 'safety' note of its own cautions.",
        description="A guide whose front-matter has no 'safety' field, so its page opens"
        " without the cautions that belong to this exercise (the site-wide disclaimer is"
        " general). Add 'safety:' with what a reader should watch for, in Markdown, citing"
        " sources where the caution rests on research.",
        checks=(Check("page", guide.check_page),),
    ),
    Rule(
        rule_ids.IMAGE_INVALID,
        "error",
        "An image without alt text or a credit, or whose file is missing.",
        description="A figure a reader cannot rely on: an image with no alt text saying"
        " what it shows, no credit saying who made it, or no file the site publishes."
        ' Write the alt text in the brackets, add \'{ credit="..." licence="..." }\''
        " after a body image (the lead image has 'alt' and 'credit' fields), and put the"
        " file beside the guide.",
        checks=(Check("page", images.check_page),),
    ),
    Rule(
        rule_ids.BROKEN_LINK,
        "error",
        "A link to a page, file or #anchor the site does not have.",
        description="A link in a page's text or a guide's front-matter field to a file that"
        " is not in the docs folder, to an address that is not a file ('../crunch/'), to an"
        " anchor the page does not have, or from a published page to a draft guide. Link to"
        " the page's .md file and an anchor it has; the message names the one meant.",
        checks=(Check("segment", broken_links.check), Check("corpus", broken_links.check_corpus)),
    ),
)
RULES: Mapping[str, Rule] = {rule.id: rule for rule in REGISTRY}


def checks(scope: Scope, settings: AuditSettings) -> tuple[Callable[..., Any], ...]:
    """The check functions of ``scope``, each once, in registry order.

    A function is left out when every rule it reports is off. Worked out once
    per configuration: the engine asks for every page.
    """
    return _checks(scope, tuple(sorted(settings.severities.items())))


@functools.lru_cache(maxsize=64)
def _checks(
    scope: Scope, severities: tuple[tuple[str, str], ...]
) -> tuple[Callable[..., Any], ...]:
    configured = dict(severities)
    found: list[Callable[..., Any]] = []
    for rule in REGISTRY:
        for check in rule.checks:
            if check.scope != scope or check.run in found:
                continue
            family = [r for r in REGISTRY if any(c.run is check.run for c in r.checks)]
            if any(configured.get(other.id, other.severity) != "off" for other in family):
                found.append(check.run)
    return tuple(found)  # cached: callers share it
