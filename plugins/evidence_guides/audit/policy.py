"""The editorial and sourcing policy page, written from what the audit enforces.

Readers of a health site should be able to learn how its sources are chosen,
checked and reviewed, and the statement must not promise more than the site
does. So the page is generated at build time from the audit's registry and the
project's configured severities: a rule that stops a build is listed as a
condition of publishing, a warning as something editors are told, and a rule
turned off is not mentioned. Each rule has one sentence for readers here
(:data:`READER_SENTENCES`); a test keeps every rule of the registry in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.registry import REGISTRY

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings

READER_SENTENCES: dict[str, str] = {
    rule_ids.UNRESOLVED_CITATION: "every citation names a source that is in the reference list",
    rule_ids.MALFORMED_CITATION: "every citation is written in a form the site can link",
    rule_ids.VAGUE_REFERENCE: (
        "no source is named only in passing (an author and a year, or a title) without"
        " a citation that links to it"
    ),
    rule_ids.CITATION_MISMATCH: (
        "an author or year named in the text agrees with the source it cites"
    ),
    rule_ids.UNSUPPORTED_CLAIM: (
        'phrases such as "studies show" come with a citation of the studies meant'
    ),
    rule_ids.BIB_INVALID_ENTRY: (
        "every source in the reference list has its authors, title and year, and a"
        " well-formed PubMed ID or DOI"
    ),
    rule_ids.BIB_DUPLICATE: "no source is listed twice under two names",
    rule_ids.UNUSED_REFERENCE: "the reference list holds no source that no guide cites",
    rule_ids.REFERENCE_DRIFT: (
        "the title, first author, year and DOI of a source agree with its PubMed record"
    ),
    rule_ids.RETRACTED_SOURCE: "no guide cites a paper that has been retracted",
    rule_ids.DUPLICATE_PARAGRAPH: "no paragraph is copied from one guide into another",
    rule_ids.MOJIBAKE: "no text is garbled by a wrong character encoding",
    rule_ids.FRONTMATTER_INVALID: (
        "every guide has its level, muscles (named from the site's muscle vocabulary),"
        " variations, common mistakes, questions and answers, and the date it was last"
        " reviewed"
    ),
    rule_ids.PLACEHOLDER: "no placeholder text is left from a guide's first draft",
    rule_ids.BAD_SUPPRESSION: ("a check is set aside for a passage only with a written reason"),
    rule_ids.HIDDEN_CHARACTER: "no text holds characters a reader cannot see",
    rule_ids.UNSAFE_LINK: "every link goes to a web address, an e-mail address or this site",
    rule_ids.MISSING_SAFETY: "every guide opens with the cautions that belong to its exercise",
    rule_ids.IMAGE_INVALID: (
        "every image has a text description for readers who cannot see it, and says who made it"
    ),
    rule_ids.STALE_REVIEW: (
        "every guide is reviewed again against current evidence on a fixed schedule, and its"
        " page says when it last was"
    ),
    rule_ids.BROKEN_LINK: "every link leads to a page, file or section the site has",
    rule_ids.UNATTRIBUTED_QUOTE: (
        "every quoted expert is named, with their credentials and where they work"
    ),
}


def policy_markdown(
    settings: AuditSettings,
    *,
    site_name: str,
    contact: str | None,
    references_link: str | None = None,
) -> str:
    """The policy page's Markdown (with its front-matter), for the project's settings.

    ``references_link`` is the site's references page, as a link from the policy page;
    without one, the page names none (a link to a page the site lacks fails a strict build).
    """
    lines = [
        "---",
        "title: Editorial and sourcing policy",
        "description: How the guides choose, check and review their sources.",
        "---",
        "",
        "# Editorial and sourcing policy",
        "",
        f"{_escape(site_name)} publishes exercise guides in which every claim that rests on"
        " research links to its source. This page says how those sources are chosen,"
        " checked and reviewed. It is written from the checks the site runs every time it"
        " is built, so it describes what is enforced.",
        *_how_chosen(references_link),
        *_how_checked(settings),
        "",
        "## How guides are reviewed",
        "",
        "- Every guide shows the date its evidence was last reviewed.",
        "- The reference list is checked against PubMed again, so a paper whose record"
        " changed, or that was retracted, is found.",
        "- Every guide opens with a note of its own cautions and ends with a general"
        " medical disclaimer: the guides are general information, not medical advice.",
    ]
    if contact:
        lines += [
            "",
            "## Corrections",
            "",
            f"If you find an error, or a source that does not say what a guide says it"
            f" does, please write to <{contact}>.",
        ]
    return "\n".join(lines) + "\n"


def _how_chosen(references_link: str | None) -> list[str]:
    references = (
        f" The [references page]({references_link}) lists every source once, with the guides"
        " that cite it."
        if references_link
        else ""
    )
    return [
        "",
        "## How sources are chosen",
        "",
        "- Sources are research papers, guidelines and position statements, cited from one"
        " reference list that every guide shares.",
        "- Papers are added to that list by their PubMed ID, with their authors, title,"
        " journal, year and DOI as PubMed records them.",
        "- Each citation in a guide is a number that links to the full reference, with"
        f" links to the paper on PubMed and by its DOI.{references}",
    ]


def _how_checked(settings: AuditSettings) -> list[str]:
    """The rules set to ``error`` as conditions of publishing; those set to ``warning`` as
    what editors are told (a rule turned off is not mentioned)."""
    blocking = [r.id for r in REGISTRY if settings.severity(r.id) == "error"]
    warned = [r.id for r in REGISTRY if settings.severity(r.id) == "warning"]
    lines = [
        "",
        "## How guides are checked",
        "",
        "A guide is published only when:",
        "",
        *(f"- {READER_SENTENCES[rule]}." for rule in blocking),
    ]
    if warned:
        lines += [
            "",
            "Editors are also told, before they publish, when they should check that:",
            "",
            *(f"- {READER_SENTENCES[rule]}." for rule in warned),
        ]
    return lines


def _escape(text: str) -> str:
    """Plain text in Markdown: characters Markdown or HTML would read, escaped."""
    for char in "\\`*_{}[]<>#|":
        text = text.replace(char, "\\" + char)
    return text
