"""Every audit rule's id, defined once.

Ids are stable: CI configurations, suppression comments and SARIF consumers
refer to them, so a rule is never renamed, only added or retired. They live
here, below everything else, because the store and the front-matter model
report findings of their own (syntax errors, duplicates, invalid fields) that
the audit re-emits. What each rule is, its default severity and its check are
in :mod:`evidence_guides.audit.registry`.
"""

from __future__ import annotations

from typing import Final

UNRESOLVED_CITATION: Final = "unresolved-citation"
MALFORMED_CITATION: Final = "malformed-citation"
VAGUE_REFERENCE: Final = "vague-reference"
CITATION_MISMATCH: Final = "citation-mismatch"
UNSUPPORTED_CLAIM: Final = "unsupported-claim"
BIB_INVALID_ENTRY: Final = "bib-invalid-entry"
BIB_DUPLICATE: Final = "bib-duplicate"
UNUSED_REFERENCE: Final = "unused-reference"
REFERENCE_DRIFT: Final = "reference-drift"
RETRACTED_SOURCE: Final = "retracted-source"
DUPLICATE_PARAGRAPH: Final = "duplicate-paragraph"
MOJIBAKE: Final = "mojibake"
FRONTMATTER_INVALID: Final = "frontmatter-invalid"
PLACEHOLDER: Final = "placeholder"
BAD_SUPPRESSION: Final = "bad-suppression"
HIDDEN_CHARACTER: Final = "hidden-character"
UNSAFE_LINK: Final = "unsafe-link"
STALE_REVIEW: Final = "stale-review"
UNATTRIBUTED_QUOTE: Final = "unattributed-quote"
