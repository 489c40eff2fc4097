"""The fixed frames of ``unsupported-claim``: phrases that claim evidence or consensus whole.

A thing "shown to", "proven to" or "found to" do something, by no one named, is
one too: "Tight calves have been shown to cause shin pain", "It's been proven",
"It is scientifically demonstrated that", "It's a scientific fact that".

Beside a subject and a verb of showing ("studies show", read in
:mod:`evidence_guides.audit.rules.claims`), a claim is made by frames of
fixed words: "it is well established that", "clinically proven", "backed by
research", "according to experts", "there is evidence that", "according to"
a body named by its capitals, "(Source: Mayo Clinic)". Consensus is claimed
so too, with nothing cited: "it is generally accepted (in the strength
community) that", "it's widely believed that", "it is common knowledge
(among coaches) that", "it is a well-known fact that", "there is a broad
consensus that". What places the consensus ("in the strength community")
may stand between its words and "that", up to a short phrase; placed in the
writer's own place ("in our studio", "among my clients") it is an anecdote,
not a claim of evidence. A body named by its acronym alone with a verb of
reporting ("NIH says", "The NHS recommends") claims as "according to" it
does; training's own acronyms ("RPE says nothing") and someone's ("my PT
says") name no source.
"""

from __future__ import annotations

import re

WS = r"(?:[ \t]++\n?|\n)[ \t]*+"
# A frame holds one of these: no need to look for frames in text without them.
_FRAME_WORDS = ("proven", "established", "known", "accepted", "documented", "backed", "according")
_FRAME_WORDS += ("been shown", "been demonstrated", "body of", "evidence that")
_FRAME_WORDS += ("believed", "understood", "recogni", "knowledge", "fact", "consensus")
_FRAME_WORDS += ("thought", "agreement", "per ", "demonstrated", "shown", "proved", "found")
_IT_IS = rf"\bit(?:{WS}is|['\u2019]s)"
# Any subject shown to do something, by no one named: "Tight hips have been shown to cause",
# "planks are clinically proven to", "stretching has been found to reduce". What follows
# "to" is a verb: "shown to the class" and "proven to you" show a thing to someone.
_TO_A_VERB = (
    rf"{WS}to(?={WS}"
    r"(?!(?:the|a|an|you|your|me|us|them|him|her|my|our|their|its|this|that|these|those)\b)"
    r"[a-z])"
)
_MANNER = rf"(?:(?:scientifically|clinically|medically|repeatedly|consistently){WS})?"
_PASSIVE = (
    rf"\b(?:(?:has|have|had){WS}(?:(?:long|now){WS})?been{WS}{_MANNER}"
    rf"(?:shown|proven|proved|demonstrated|found)"
    rf"|(?:is|are){WS}(?:proven|proved)){_TO_A_VERB}"  # "clinically proven" is a frame
)
# "in the strength community", "among coaches": where a consensus is placed, before "that".
_PLACING = rf"(?:,?{WS}(?:in|among|within|across|by|for){WS}[^\n.;:!?()\[\]]{{1,60}}?)?,?"
_FRAME_RE = re.compile(
    rf"{_IT_IS}{WS}(?:(?:well|widely|generally|now|scientifically|commonly|universally){WS})?"
    rf"(?:established|known|accepted|documented|proven|believed|thought|understood|recogni[sz]ed"
    rf"|demonstrated|shown|confirmed|verified)"
    rf"{_PLACING}{WS}that\b"
    rf"|{_IT_IS}{WS}(?:common{WS}knowledge|(?:a{WS})?(?:well[- ]known|known|proven|established"
    rf"|scientific|medical|scientifically{WS}proven|documented|proved)"
    rf"{WS}fact){_PLACING}{WS}that\b"
    rf"|\bthere{WS}is{WS}(?:(?:a|broad|general|wide|scientific|strong|clear){WS}){{0,2}}"
    rf"consensus{WS}(?:that|among)\b"
    rf"|\bthere{WS}is{WS}(?:(?:a|broad|general|wide|widespread|strong|clear|universal){WS}){{0,2}}"
    rf"agreement{_PLACING}{WS}that\b"
    rf"|\bthe{WS}(?:(?:scientific|medical|expert|clinical|current|general){WS})?consensus"
    rf"{_PLACING}{WS}is{WS}that\b"
    rf"|\b(?:clinically|scientifically|medically){WS}proven\b"
    rf"|{_IT_IS}{WS}proven\b"
    rf"|\bit(?:{WS}(?:has|have)|['\u2019]s){WS}(?:(?:long|now|repeatedly){WS})?been{WS}"
    rf"(?:(?:scientifically|clinically){WS})?(?:proven|proved|shown|established|demonstrated)"
    rf"(?:{WS}that)?\b"
    rf"|{_PASSIVE}"
    rf"|\b(?:backed|supported){WS}by{WS}(?:science|research|studies|evidence)\b"
    rf"|\b(?:science|research)-backed\b"
    rf"|\b(?:per|according{WS}to){WS}(?:a|an|one){WS}(?:[\w-]++{WS}){{0,3}}?"
    rf"(?:study|trial|review|meta-analysis|paper|report|survey)\b(?![ \t]*+\()"
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
# "in our studio", "among my clients": the writer's own place makes a consensus an anecdote.
_OWN_PLACE_RE = re.compile(rf"\b(?:in|at|among|within|across|for){WS}(?:our|my)\b")
# A body by its acronym and a verb of reporting: "NIH says", "The NHS recommends".
_ACRONYM_SAYS_RE = re.compile(
    rf"(?<![\w'\u2019.&/-])(?:[Tt]he{WS})?(?P<acronym>[A-Z]{{2,6}})(?![\w'\u2019.&/-]){WS}"
    r"(?:says|said|reports|reported|recommends|advises|warns|states|suggests|found|finds)\b"
)
_REPORTING = ("say", "said", "report", "recommend", "advise", "warn", "state", "suggest")
_REPORTING += ("found", "find")
# Acronyms of training and its tools, and people's roles: they are no body that reports.
_NOT_A_SOURCE = frozenset(
    " ".join(
        (
            "RPE RIR AMRAP EMOM PR PB PRS HIIT LISS MISS BMI ROM DOMS TUT EMG HR HRV GPS TV AI",
            "PT PTS DIY FAQ OK US UK EU CNS MRV MEV MAV RM TM OHP RDL SLDL GHR",
        )
    ).split()
)
_OWNER_BEFORE_RE = re.compile(r"\b(?:my|your|our|his|her|their|its)[ \t\n]++\Z", re.IGNORECASE)
# Capitalised words after "according to" that name no body: the page's own parts.
_NOT_A_BODY = frozenset(
    ["Table", "Figure", "Fig", "Section", "Step", "Chapter", "Appendix", "Box", "Note"]
)


def frame_claims(lowered: str, masked: str, found: dict[int, int]) -> None:
    """Add each frame's span to ``found`` (start to end), keeping a claim found first."""
    if any(word in lowered for word in _FRAME_WORDS):
        for frame in _FRAME_RE.finditer(lowered):
            if _OWN_PLACE_RE.search(lowered, frame.start(), frame.end()) is None:
                found.setdefault(frame.start(), frame.end())
        for named in _ACCORDING_TO_NAME_RE.finditer(masked):
            if named.group("first").rstrip(".") not in _NOT_A_BODY:
                found.setdefault(named.start(), named.end())
    if any(verb in lowered for verb in _REPORTING):
        _acronym_claims(masked, found)
    if "source" in lowered:
        for named in _SOURCE_NAME_RE.finditer(masked):
            found.setdefault(named.start(), named.end())


def _acronym_claims(masked: str, found: dict[int, int]) -> None:
    """ "NIH says", "The NHS recommends": a body by its acronym alone, reporting."""
    for named in _ACRONYM_SAYS_RE.finditer(masked):
        if named.group("acronym") in _NOT_A_SOURCE:
            continue
        if _OWNER_BEFORE_RE.search(masked, max(0, named.start() - 8), named.start()):
            continue  # "my PT says": a person, named by a role
        found.setdefault(named.start(), named.end())
