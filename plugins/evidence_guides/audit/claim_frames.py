"""The fixed frames of ``unsupported-claim``: phrases that claim evidence or consensus whole.

Beside a subject and a verb of showing ("studies show", read in
:mod:`evidence_guides.audit.rules.claims`), a claim is made by frames of
fixed words: "it is well established that", "clinically proven", "backed by
research", "according to experts", "there is evidence that", "according to"
a body named by its capitals, "(Source: Mayo Clinic)". Consensus is claimed
so too, with nothing cited: "it is generally accepted (in the strength
community) that", "it's widely believed that", "it is common knowledge
(among coaches) that", "it is a well-known fact that", "there is a broad
consensus that". What places the consensus ("in the strength community")
may stand between its words and "that", up to a short phrase.
"""

from __future__ import annotations

import re

WS = r"(?:[ \t]++\n?|\n)[ \t]*+"
# A frame holds one of these: no need to look for frames in text without them.
_FRAME_WORDS = ("proven", "established", "known", "accepted", "documented", "backed", "according")
_FRAME_WORDS += ("been shown", "been demonstrated", "body of", "evidence that")
_FRAME_WORDS += ("believed", "understood", "recogni", "knowledge", "fact", "consensus")
_IT_IS = rf"\bit(?:{WS}is|['\u2019]s)"
# "in the strength community", "among coaches": where a consensus is placed, before "that".
_PLACING = rf"(?:,?{WS}(?:in|among|within|across|by|for){WS}[^\n.;:!?()\[\]]{{1,60}}?)?,?"
_FRAME_RE = re.compile(
    rf"{_IT_IS}{WS}(?:(?:well|widely|generally|now|scientifically|commonly|universally){WS})?"
    rf"(?:established|known|accepted|documented|proven|believed|understood|recogni[sz]ed)"
    rf"{_PLACING}{WS}that\b"
    rf"|{_IT_IS}{WS}(?:common{WS}knowledge|(?:a{WS})?(?:well[- ]known|known|proven|established)"
    rf"{WS}fact){_PLACING}{WS}that\b"
    rf"|\bthere{WS}is{WS}(?:(?:a|broad|general|wide|scientific|strong|clear){WS}){{0,2}}"
    rf"consensus{WS}(?:that|among)\b"
    rf"|\b(?:clinically|scientifically|medically){WS}proven\b"
    rf"|{_IT_IS}{WS}proven\b"
    rf"|\bit{WS}(?:has|have){WS}(?:(?:long|now|repeatedly){WS})?been{WS}"
    rf"(?:proven|shown|established|demonstrated)(?:{WS}that)?\b"
    rf"|\b(?:backed|supported){WS}by{WS}(?:science|research|studies|evidence)\b"
    rf"|\b(?:science|research)-backed\b"
    rf"|\baccording{WS}to{WS}(?:(?:the|most|many|some|recent){WS})?"
    rf"(?:research|studies|science|experts|scientists|(?:a|one){WS}(?:recent{WS})?study)"
    r"\b(?![ \t]*+\()"
    rf"|\b(?:a{WS})?(?:growing|large|substantial|mounting){WS}body{WS}of{WS}"
    rf"(?:evidence|research|literature)\b"
    rf"|\bthere{WS}is{WS}(?:(?:strong|good|growing|solid|ample|clear|now|some){WS})?"
    rf"evidence{WS}that\b"
)
# "According to the American College of Sports Medicine": a body named as the source, its
# work not cited. Read in the text as written: the capitals are the name.
_ACCORDING_TO_NAME_RE = re.compile(
    rf"\b[Aa]ccording{WS}to{WS}(?:the{WS})?(?P<first>[A-Z][\w'\u2019&.-]*+)"
    rf"(?:{WS}(?:(?:of|for|and|on|in|&){WS})?[A-Z][\w'\u2019&.-]*+){{0,8}}"
)
# "(Source: Mayo Clinic)", "Sources: Harvard Health": a source by name only.
_SOURCE_NAME_RE = re.compile(
    rf"\b[Ss]ources?(?:{WS})?:{WS}[A-Z][\w'\u2019&.-]*+(?:{WS}(?:(?:of|for|and|&){WS})?"
    r"[A-Z][\w'\u2019&.-]*+){0,8}"
)
# Capitalised words after "according to" that name no body: the page's own parts.
_NOT_A_BODY = frozenset(
    ["Table", "Figure", "Fig", "Section", "Step", "Chapter", "Appendix", "Box", "Note"]
)


def frame_claims(lowered: str, masked: str, found: dict[int, int]) -> None:
    """Add each frame's span to ``found`` (start to end), keeping a claim found first."""
    if any(word in lowered for word in _FRAME_WORDS):
        for frame in _FRAME_RE.finditer(lowered):
            found.setdefault(frame.start(), frame.end())
        for named in _ACCORDING_TO_NAME_RE.finditer(masked):
            if named.group("first").rstrip(".") not in _NOT_A_BODY:
                found.setdefault(named.start(), named.end())
    if "source" in lowered:
        for named in _SOURCE_NAME_RE.finditer(masked):
            found.setdefault(named.start(), named.end())
