"""``unsupported-claim`` as a grammar: unnamed subjects, verbs of showing in any tense, frames."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.audit.engine import PageInput, audit_page
from evidence_guides.audit.model import AuditSettings
from evidence_guides.findings import Finding
from evidence_guides.store.load import load_bib

STORE = load_bib(Path(__file__).parents[2] / "fixtures" / "audit" / "refs.bib", "refs.bib")
SETTINGS = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))


def claims(text: str) -> list[Finding]:
    page = PageInput("p.md", text, text, 0, is_guide=False)
    found = audit_page(page, STORE, SETTINGS).findings
    return [f for f in found if f.rule == "unsupported-claim"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Research has shown that rest helps.", "Research has shown"),
        ("Studies have found that rest helps.", "Studies have found"),
        ("Several studies suggest rest helps.", "Several studies suggest"),
        (
            "Numerous studies have consistently shown it.",
            "Numerous studies have consistently shown",
        ),
        ("Recent research indicates it.", "Recent research indicates"),
        ("A growing body of evidence links rest to growth.", "A growing body of evidence links"),
        ("There is a growing body of evidence for it.", "a growing body of evidence"),
        ("Science has proven it.", "Science has proven"),
        ("Most experts agree on it.", "Most experts agree"),
        ("Experts generally recommend rest.", "Experts generally recommend"),
        ("Clinical trials demonstrated it.", "Clinical trials demonstrated"),
        ("The data show a benefit.", "data show"),
        ("Scientists say it is safe.", "Scientists say"),
        ("It is well established that rest helps.", "It is well established that"),
        ("It is widely known that rest helps.", "It is widely known that"),
        ("There is strong evidence that rest helps.", "There is strong evidence that"),
        ("The method is backed by science.", "backed by science"),
        ("A research-backed method.", "research-backed"),
        ("According to experts, rest helps.", "According to experts"),
        ("It is clinically proven.", "clinically proven"),
        ("Sleep more, because research shows it helps.", "research shows"),
        ("Then studies show more.", "studies show"),
        ("Peer-reviewed studies point to rest.", "Peer-reviewed studies point to"),
        ("Most physiotherapists agree it is safe.", "Most physiotherapists agree"),
        ("Doctors recommend rest.", "Doctors recommend"),
        ("Science tells us to rest.", "Science tells us"),
        ("It has been proven that rest helps.", "It has been proven that"),
        ("The research is clear that rest helps.", "research is clear"),
        ("The evidence is now conclusive.", "evidence is now conclusive"),
    ],
)
def test_claims_are_found_in_any_tense(text: str, phrase: str) -> None:
    (finding,) = claims(text)
    assert finding.column == text.index(phrase) + 1
    assert finding.message == f"'{phrase}' with no citation in the same sentence"


@pytest.mark.parametrize(
    "text",
    [
        "Research has shown that rest helps [@garber2011].",
        "Studies have found it (PMID 21694556).",
        "Studies show it, as Garber et al. (2011) found.",
        "These studies show a benefit.",  # a particular set, described nearby
        "Our data show a benefit.",
        "Case studies showed it.",
        "Two trials found it.",
        "Animal studies suggest it.",
        "Studies and found nothing.",
        "Studies showcase it.",
        "Research is ongoing.",
        "The evidence is mixed.",
        "`studies show` in code",
        "According to Garber et al. (2011), rest helps [@garber2011].",
        "According to research (Garber et al., 2011) rest helps [@garber2011].",
        "## What the studies found",  # a heading asserts nothing
        "Two trials ran. The studies found a small effect [@garber2011]. The trials agree.",
        "The research is ongoing.",
    ],
)
def test_cited_particular_or_no_claim(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # One work, unnamed: an article or "one" before it, a few words apart.
        ("One study found that rest helps.", "One study found"),
        ("A recent meta-analysis found it.", "A recent meta-analysis found"),
        ("Another trial has shown it.", "Another trial has shown"),
        ("A small 2019 Australian study suggests it.", "A small 2019 Australian study suggests"),
        # What places the subject, between it and its verb.
        (
            "A 2019 study published in the Journal of Strength and Conditioning Research found it.",
            "A 2019 study published in the Journal of Strength and Conditioning Research found",
        ),
        ("A study in the journal Sports Medicine showed it.",
         "A study in the journal Sports Medicine showed"),
        ("A 2020 review in the Journal of Applied Physiology reported it.",
         "A 2020 review in the Journal of Applied Physiology reported"),
        ("Scientists at the University of Texas found it.",
         "Scientists at the University of Texas found"),
        ("Studies in older adults, however, show it.", "Studies in older adults, however, show"),
        # One claim, however many subjects it holds.
        ("A systematic review of 15 trials concluded it.",
         "A systematic review of 15 trials concluded"),
        # "According to" a source not cited.
        ("According to a recent study, rest helps.", "According to a recent study"),
        ("According to the American College of Sports Medicine, adults should train.",
         "According to the American College of Sports Medicine"),
        ("According to NASM, rest helps.", "According to NASM"),
        # Named authors with no date and nothing cited; a source by name only.
        ("Smith and colleagues found that rest helps.", "Smith and colleagues found"),
        ("van den Tillaar et al. showed it.", "van den Tillaar et al. showed"),
        ("Rest helps (Source: Mayo Clinic).", "Source: Mayo Clinic"),
    ],
)  # fmt: skip
def test_unnamed_works_and_named_bodies_are_claims(text: str, phrase: str) -> None:
    (finding,) = claims(text)
    assert finding.column == text.index(phrase) + 1
    assert finding.message == f"'{phrase}' with no citation in the same sentence"


@pytest.mark.parametrize(
    "text",
    [
        "One study found it [@garber2011].",
        "According to the American College of Sports Medicine [@garber2011], train twice.",
        "According to Garber et al. (2011), train twice [@garber2011].",
        # A work just cited, or described: "the study", "this trial", "a case study".
        "The study found a small effect.",
        "This trial showed it.",
        "A case study found it.",
        "A pilot trial showed it.",
        "A review of your form by a coach showed a flaw.",
        "A study of these lifters found it.",
        # "Study", "trial" and "review" that are no work.
        "Study the form; then a trial run shows your level.",
        "Review the cues, which show the line to follow.",
        "Studies on the topic are scarce and show mixed results.",
        "A trial of the movement shows you the line; a quick review of the cues shows it too.",
        # The page's own parts, after "according to".
        "According to Table 2, rest helps. According to Figure 1, it does.",
        "According to your doctor, rest helps.",
        # Named authors with a date (an author-date citation) or a source.
        "Garber et al. (2011) found it.",
        "Garber et al. found it [@garber2011].",
        "Garber and colleagues showed it (PMID 21694556).",
        "My colleagues and I found the gym closed.",
        "The source: our own notes.",
    ],
)
def test_cited_particular_or_no_work(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Research suggests rest helps [1].",
        "Studies show rest helps\u00b9.",
        "One study found it (doi:10.1249/MSS.0b013e318213fefb).",
    ],
)
def test_a_claim_beside_a_citation_in_another_style_is_that_citation(text: str) -> None:
    page = PageInput("p.md", text, text, 0, is_guide=False)
    rules = [finding.rule for finding in audit_page(page, STORE, SETTINGS).findings]
    assert rules == ["vague-reference"]


def test_the_claim_is_judged_by_its_own_sentence() -> None:
    text = "Rest helps [@garber2011]. Research has shown that sleep helps too."
    (finding,) = claims(text)
    assert finding.column == text.index("Research") + 1


# --- knowing, believing and consensus ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Researchers now know that naps aid recovery.", "Researchers now know"),
        ("Most experts believe naps aid recovery.", "Most experts believe"),
        ("Kinesiologists have long known that naps help.", "Kinesiologists have long known"),
        ("Doctors understand that naps help.", "Doctors understand"),
        (
            "It is widely accepted among lifters that naps help.",
            "It is widely accepted among lifters that",
        ),
        ("It's commonly believed that naps help.", "It's commonly believed that"),
        ("It is common knowledge in gyms that naps help.", "It is common knowledge in gyms that"),
        ("It is a known fact that naps help.", "It is a known fact that"),
        ("There is a general consensus that naps help.", "There is a general consensus that"),
        ("Coaches swear by naps before a meet.", "Coaches swear by"),
        # "Trainers swear by" is the same appeal as "Coaches swear by": practitioners
        # vouching for a method in place of evidence, so it is read the same way.
        ("Many trainers swear by naps.", "Many trainers swear by"),
        ("Most coaches agree that naps help.", "Most coaches agree"),
    ],
)
def test_knowing_believing_and_consensus_claim_without_a_source(text: str, phrase: str) -> None:
    (finding,) = claims(text)
    assert finding.column == text.index(phrase) + 1
    assert finding.message == f"'{phrase}' with no citation in the same sentence"


@pytest.mark.parametrize(
    "text",
    [
        "I know my best single by heart.",  # first person
        "If you know your max, load 80% of it.",  # instruction
        "You believe the bar is lighter when you brace.",
        "Coaches say to keep the chest up.",  # a cue passed on, not a claim of evidence
        "Trainers show you the setup on day one.",
        "My coach swears by long warm-ups.",  # one person's habit
        "Your coaches swear by it, so ask them.",
        "It is known as the hip hinge.",  # a name, not a consensus
        "It is accepted practice to chalk up.",
        "Scientists who know lifting are rare.",
        "Researchers believe naps help [@garber2011].",  # cited
    ],
)
def test_knowing_verbs_in_other_uses_are_not_claims(text: str) -> None:
    assert claims(text) == []


# --- quoted titles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Our latest episode "Why Experts Agree On Nothing" covers bracing.',
        "Read 'Research Proves Rest Works' on the blog.",
        "The video \u201cscience says rest more\u201d shows the setup.",  # named as a video
        "An article titled 'studies show nothing' went viral.",
        "Our post \u2018What Studies Found About Naps\u2019 is up.",
    ],
)
def test_claim_words_inside_a_quoted_title_are_not_a_claim(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ('As the old saying goes, "studies show rest helps".', "studies show"),
        ("He told me \u201cResearch shows naps work\u201d and left.", "Research shows"),
        ("Don't trust 'Studies show' alone; research shows more nuance.", "research shows"),
    ],
)
def test_a_quoted_sentence_in_ordinary_case_is_still_read(text: str, phrase: str) -> None:
    assert [f.column for f in claims(text)][-1] == text.index(phrase) + 1


# --- bodies by acronym, placed works, consensus beyond the fixed frames --------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The CDC warns that sitting all day harms the back.", "The CDC warns"),
        ("WHO reported that few teens train twice a week.", "WHO reported"),
        ("Mobility drills matter, and NASM states they cut injuries.", "NASM states"),
        ("Per one 2017 Stanford trial, grip work pays off.", "Per one 2017 Stanford trial"),
        ("A paper in BMJ concluded that walking helps.", "A paper in BMJ concluded"),
        (
            "There is wide agreement among rehab physicians that hinges help.",
            "There is wide agreement among rehab physicians that",
        ),
        ("It is widely thought that cold baths speed recovery.", "It is widely thought that"),
        ("The medical consensus is that warm-ups help.", "The medical consensus is that"),
        ("Spine surgeons largely agree on bracing.", "surgeons largely agree"),
        ("Coaches have long known that sleep drives gains.", "Coaches have long known that"),
        (
            "Trainers have known for decades that grip fails first.",
            "Trainers have known for decades that",
        ),
    ],
)
def test_acronym_bodies_placed_works_and_consensus_claim(text: str, phrase: str) -> None:
    (finding,) = claims(text)
    assert finding.column == text.index(phrase) + 1
    assert finding.message == f"'{phrase}' with no citation in the same sentence"


@pytest.mark.parametrize(
    "text",
    [
        "Your PT says to keep the ribs down.",  # a person named by a role
        "RIR says little about bar speed.",  # training's own acronym
        "AMRAP sets found their way into the plan.",
        "The CDC website says nothing about deadlifts.",  # the acronym is not the subject
        "The CDC warns [@hhs2018] about sitting.",  # cited
        "It is common knowledge at my gym that the fan is broken.",  # the writer's own place
        "There is broad agreement in our club that Mondays are for legs.",
        "My heart-rate data shows a spike at set three.",  # someone's own data
        "Their sleep tracker data reveals late nights.",
        "A paper in the drawer shows last year's plan.",  # a sheet of paper
        "Coaches have known me for years.",  # knowing a person
        "Rest for a minute per a set of ten.",
    ],
)
def test_owned_scoped_or_training_words_are_no_claim(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # a place research is done is no author: the work is unnamed, in either order
        (
            "A 2021 trial from the University of Leeds found grip improved.",
            "A 2021 trial from the University of Leeds found",
        ),
        (
            "A study from Dalhousie University in 2016 showed knees tracked fine.",
            "A study from Dalhousie University in 2016 showed",
        ),
        (
            "One 2014 review from the Karolinska Institute suggested less volume.",
            "One 2014 review from the Karolinska Institute suggested",
        ),
    ],
)
def test_a_work_placed_at_an_institution_is_an_unnamed_work(text: str, phrase: str) -> None:
    findings = audit_page(PageInput("p.md", text, text, 0, is_guide=False), STORE, SETTINGS)
    (finding,) = findings.findings
    assert finding.rule == "unsupported-claim"
    assert finding.column == text.index(phrase) + 1


def test_a_review_from_a_clinic_in_lower_case_is_the_writer_s_own() -> None:
    assert claims("A review from the clinic showed my hips shift left.") == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Weak glutes have been shown to cause knee pain.", "have been shown to"),
        ("Rowing has long been found to lower blood pressure.", "has long been found to"),
        ("Cold baths have been scientifically proven to speed recovery.", "have been"),
        ("Creatine is proven to raise strength.", "is proven to"),
        ("It's been proven that short walks lift mood.", "It's been proven that"),
        ("It has been demonstrated that naps help.", "It has been demonstrated that"),
        ("It is scientifically demonstrated that lunges build legs.", "It is scientifically"),
        ("It's a scientific fact that sleep helps recovery.", "It's a scientific fact that"),
        ("It is a medical fact that rest matters.", "It is a medical fact that"),
    ],
)
def test_passive_and_fact_frames_claim_without_a_source(text: str, phrase: str) -> None:
    (found,) = claims(text)
    assert found.column == text.index(phrase) + 1


@pytest.mark.parametrize(
    "text",
    [
        "The cue has been shown to the class twice.",  # shown to someone
        "Her form was proven to you on video.",
        "The fix was shown to me by my coach.",
        "Weak glutes have been shown to cause knee pain [@garber2011].",
        'People repeat that "studies show" line without reading anything.',
        "My uncle swears \u201cresearch has proven\u201d that rows fix backs.",
        "Episode 12 of The Research Says Show is out on Friday.",
        "She hosts a column called Science Says in the Sunday paper.",
    ],
)
def test_shown_to_someone_mentions_and_names_are_not_claims(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        'as my coach puts it, "research has proven rows fix backs".',  # a sentence, quoted
        "STUDIES SHOW this belt burns fat.",  # shouted, not named
    ],
)
def test_a_quoted_claim_with_more_words_and_capitals_throughout_are_claims(text: str) -> None:
    assert len(claims(text)) == 1
