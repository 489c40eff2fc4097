"""A synthetic corpus in the project's own format, for ``make bench``.

``generate(folder, guides=N, references=M)`` writes a complete project into
``folder``: ``mkdocs.yml`` (this repository's, inherited, so navigation, theme
and plugin settings are the real ones), the site's own non-guide pages, N
guides in ``content/exercises/`` and an M-entry ``references/refs.bib``.

Everything in it is synthetic and says so: exercises are "Synthetic drill
00042", authors are made of invented syllables, journals are "Synthetic ...",
PMIDs start at 90,000,000 and DOIs use the 10.5555 test prefix. It is
generated into benchmarks/out/ (gitignored) and never committed as content.

Each guide is about 1,200 words with every front-matter section, and about a
dozen citations: keys, groups, locators, PMIDs in brackets and in prose, and
narrative citations ("Brönvik et al. (2014) [@key]") whose author and year
agree with the entry. About a quarter of the store's author names carry LaTeX
accents. The corpus is audit-clean (no errors), so ``mkdocs build --strict``
builds it; entries no guide cites are ``unused-reference`` warnings, which do
not fail a build.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORMAT = 3  # bump when the generated corpus changes, so stale corpora are rebuilt
CITED_PER_GUIDE = 8  # distinct round-robin entries per guide, plus a few popular ones
POPULAR = 40  # entries that many guides cite, as real guides share key sources

# Syllables for invented surnames: nothing here is a real person.
_ONSETS = ("br", "k", "t", "v", "dr", "m", "l", "s", "gr", "h", "n", "p", "z", "tr", "f")
_NUCLEI = ("a", "e", "i", "o", "u", "ae", "ei", "ou")
_CODAS = ("n", "r", "l", "k", "s", "th", "v", "nd", "rk", "x")
# (LaTeX spelling, decoded spelling) of accented vowels.
_ACCENTS = (
    ('{\\"o}', "ö"),
    ('{\\"u}', "ü"),
    ("{\\'e}", "é"),
    ("{\\`a}", "à"),
    ("{\\v{s}}", "š"),
    ("{\\aa}", "å"),
    ("{\\c{c}}", "ç"),
    ("{\\~n}", "ñ"),
)
_GIVEN = ("Ari", "Bex", "Cael", "Dovi", "Esk", "Fen", "Gil", "Hal", "Ivo", "Jas", "Kip", "Lio")

_MOVES = ("press", "row", "lunge", "hinge", "carry", "raise", "curl", "squat", "bridge", "twist")
_MODIFIERS = ("tempo", "paused", "split", "staggered", "kneeling", "half", "offset", "banded")
_TOOLS = ("Resistance band", "Kettlebell", "Dumbbell", "Step box", "Exercise mat", "Cable")
_MUSCLES = (
    "Gluteus maximus",
    "Gluteus medius",
    "Rectus abdominis",
    "Obliques",
    "Erector spinae",
    "Latissimus dorsi",
    "Trapezius",
    "Deltoids",
    "Biceps brachii",
    "Triceps brachii",
    "Quadriceps",
    "Hamstrings",
    "Calves",
    "Hip adductors",
    "Serratus anterior",
)
_ROLES = ("primary", "secondary", "stabilizer", "antagonist")
_LEVELS = ("beginner", "intermediate", "advanced")
_PARTS = ("hips", "ribs", "shoulder blades", "heels", "knees", "elbows", "wrists", "pelvis")
_VERBS = ("stay level", "track forward", "stay stacked", "move together", "settle", "stay quiet")
_ADVERBS = ("slowly", "steadily", "smoothly", "evenly", "deliberately", "carefully")
_PHASES = ("lowering", "lifting", "turning", "holding", "returning")
_CUES = (
    "breathe out through the effort",
    "keep the neck long",
    "press the floor away",
    "brace before each repetition",
    "keep the weight over the midfoot",
    "let the shoulders stay down",
)
_OUTCOMES = ("strength", "endurance", "balance", "power", "mobility", "muscle size")
_POPULATIONS = ("older adults", "novice lifters", "trained men", "trained women", "office workers")
_JOURNALS = (
    "Synthetic Journal of Exercise Benchmarks",
    "Synthetic Review of Strength Studies",
    "Benchmark Sports Medicine (Synthetic)",
    "Synthetic Archives of Movement Science",
)
_HEADINGS = ("How to do it", "Benefits", "How often and how to progress", "Safety", "Evidence")


@dataclass(frozen=True, slots=True)
class Reference:
    key: str
    surname: str  # decoded, as an editor writes it in prose
    year: int
    pmid: int


@dataclass(frozen=True, slots=True)
class Corpus:
    folder: Path
    guides: int
    references: int

    @property
    def config(self) -> Path:
        return self.folder / "mkdocs.yml"

    def guide(self, number: int) -> Path:
        return self.folder / "content" / "exercises" / f"{slug(number)}.md"


def slug(number: int) -> str:
    return f"synthetic-drill-{number:05d}"


def generate(
    folder: Path, *, guides: int, references: int, seed: int = 6, shape: str = "standard"
) -> Corpus:
    """Write the corpus into ``folder`` (replacing what is there), guides of ``shape``.

    ``standard``: about 1,200 words and a dozen citations per guide (see above).
    ``dense``: bodies of 12 paragraphs of 5 sentences, a quarter of the
    sentences cited, three in ten of those citations written "(PMID n)" in
    prose; 5 muscles, 5 variations, 6 mistakes and 3 FAQ items per guide.
    ``brief``: the required front-matter only and about 250 words, two citations.
    ``review``: a long review, about 60 distinct entries cited in groups and a table.
    """
    write_guide = SHAPES[shape]
    if references < POPULAR + CITED_PER_GUIDE:
        raise ValueError(f"need at least {POPULAR + CITED_PER_GUIDE} references")
    if guides < 3:
        raise ValueError("need at least 3 guides (each guide relates to two others)")
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "content" / "exercises").mkdir(parents=True)
    (folder / "references").mkdir()
    rng = random.Random(seed)
    refs = _write_bib(folder / "references" / "refs.bib", references, rng)
    _write_pages(folder)
    write_config(folder, enabled=True)
    for number in range(guides):
        text = write_guide(number, guides, refs, rng)
        (folder / "content" / "exercises" / f"{slug(number)}.md").write_text(text, "utf-8")
    (folder / ".gitignore").write_text("/site/\n.cache/\n", "utf-8")
    (folder / "FORMAT").write_text(f"{FORMAT} {guides} {references} {seed} {shape}\n", "utf-8")
    return Corpus(folder, guides, references)


def write_config(folder: Path, *, enabled: bool, search: bool = True) -> None:
    """mkdocs.yml: this repository's, inherited; only paths and the plugin's switches differ.

    The plugin's options replace the repository's, so the editorial policy page
    is named again, and the navigation names it only when the plugin writes it
    (a build without the plugin would otherwise fail ``--strict`` on it).
    """
    policy = "\n  - Editorial policy: editorial-policy.md" if enabled else ""
    text = f"""\
INHERIT: {REPO / "mkdocs.yml"}
docs_dir: content
theme:
  custom_dir: {REPO / "theme"}
plugins:
  - evidence:
      bib: references/refs.bib
      policy_page: editorial-policy.md  # the plugin's options replace the inherited ones
      enabled: {"true" if enabled else "false"}
      search: {"true" if search else "false"}
nav:
  - Home: index.md
  - Exercises: exercises/index.md
  - References: references.md{policy}
"""
    (folder / "mkdocs.yml").write_text(text, "utf-8")


def _write_pages(folder: Path) -> None:
    """The site's own pages besides the guides: landing page, sections, references."""
    content = REPO / "content"
    for page in content.rglob("*.md"):
        relative = page.relative_to(content)
        if relative.parts[0] == "exercises" and relative.name != "index.md":
            continue  # the repository's guides cite the real store, not the synthetic one
        target = folder / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)


def _surname(rng: random.Random) -> tuple[str, str]:
    """An invented surname: (LaTeX spelling, decoded spelling); a quarter are accented."""
    syllables = [
        rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS)
        for _ in range(rng.randint(2, 3))
    ]
    latex = decoded = "".join(syllables)
    if rng.random() < 0.25:
        position = rng.randrange(1, len(latex) - 1)
        accent, plain = rng.choice(_ACCENTS)
        latex = latex[:position] + accent + latex[position + 1 :]
        decoded = decoded[:position] + plain + decoded[position + 1 :]
    return latex.capitalize() if latex[0] != "{" else latex, decoded.capitalize()


def _write_bib(path: Path, count: int, rng: random.Random) -> list[Reference]:
    refs: list[Reference] = []
    blocks = ["% Synthetic references for benchmarks: invented authors, titles and identifiers.\n"]
    for index in range(count):
        authors = []
        first_decoded = ""
        for position in range(rng.randint(3, 7)):
            latex, decoded = _surname(rng)
            if position == 0:
                first_decoded = decoded
            authors.append(f"{latex}, {rng.choice(_GIVEN)} {rng.choice('ABCDEFGHJK')}.")
        if index % 97 == 0:
            authors.append("{Synthetic Council on Exercise Benchmarks}")
        year = 1990 + index % 35
        key = f"{first_decoded.lower().encode('ascii', 'ignore').decode()}{year}n{index}"
        pmid = 90_000_000 + index
        title = (
            f"Synthetic trial {index}: {rng.choice(_MODIFIERS)} {rng.choice(_MOVES)} training"
            f" and {rng.choice(_OUTCOMES)} in {rng.choice(_POPULATIONS)}"
        )
        if index % 11 == 0:
            title += " measured as {VO$_2$max}"
        first_page = rng.randint(1, 900)
        blocks.append(
            f"@article{{{key},\n"
            f"  author  = {{{' and '.join(authors)}}},\n"
            f"  title   = {{{title}}},\n"
            f"  journal = {{{rng.choice(_JOURNALS)}}},\n"
            f"  year    = {{{year}}}, volume = {{{rng.randint(1, 60)}}},"
            f" number = {{{rng.randint(1, 12)}}},"
            f" pages = {{{first_page}--{first_page + rng.randint(5, 20)}}},\n"
            f"  doi     = {{10.5555/synthetic.{index}}},\n"
            f"  pmid    = {{{pmid}}},\n"
            "}\n"
        )
        refs.append(Reference(key, first_decoded, year, pmid))
    path.write_text("\n".join(blocks), "utf-8")
    return refs


class _Writer:
    """Sentences for one guide. Every paragraph names the guide, so none repeats elsewhere."""

    def __init__(self, rng: random.Random, name: str) -> None:
        self.rng = rng
        self.name = name
        self.named_count = 0

    def sentence(self) -> str:
        r = self.rng
        forms = (
            f"Keep the {r.choice(_PARTS)} and the {r.choice(_PARTS)} {r.choice(_VERBS)}"
            f" through the {r.choice(_PHASES)} phase",
            f"Move {r.choice(_ADVERBS)} and {r.choice(_CUES)}, counting {r.randint(2, 4)}"
            f" seconds for the {r.choice(_PHASES)} phase",
            f"If the {r.choice(_PARTS)} drift, shorten the range and {r.choice(_CUES)}",
            f"Most people feel the {r.choice(_MUSCLES).lower()} first and the"
            f" {r.choice(_MUSCLES).lower()} later in a set of {r.randint(6, 15)}",
            f"A mirror or a phone camera shows whether the {r.choice(_PARTS)} {r.choice(_VERBS)}",
            f"Between sets, rest {r.randint(45, 180)} seconds and {r.choice(_CUES)}"
            " on the next one",
        )
        return r.choice(forms) + "."

    def named(self) -> str:
        """A sentence that names the guide: no two guides share it."""
        sentence = self.sentence()
        self.named_count += 1
        return f"In the {self.name} (note {self.named_count}), {sentence[0].lower()}{sentence[1:]}"

    def paragraph(self, sentences: int, extra: str = "") -> str:
        text = [self.named()]
        text += [self.sentence() for _ in range(sentences - 1)]
        if extra:
            text.insert(self.rng.randrange(1, len(text) + 1), extra)
        return _wrap(" ".join(text))


def _wrap(text: str, width: int = 78) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _narrative(ref: Reference) -> str:
    return f"{ref.surname} et al. ({ref.year}) [@{ref.key}] reported a similar pattern."


def _guide(number: int, total: int, refs: list[Reference], rng: random.Random) -> str:
    count = len(refs)
    own = [refs[POPULAR + (number * CITED_PER_GUIDE + i) % (count - POPULAR)] for i in range(8)]
    popular = rng.sample(refs[:POPULAR], 3)
    move = f"{rng.choice(_MODIFIERS)} {rng.choice(_MOVES)}"
    title = f"Synthetic drill {number:05d}: {move}"
    name = f"synthetic drill {number:05d}"
    w = _Writer(rng, name)
    level = rng.choice(_LEVELS)
    muscles = rng.sample(_MUSCLES, 5)
    related = [slug((number + 1) % total), slug((number + 2) % total)]

    front = [
        "---",
        f'title: "{title}"',
        f"description: A synthetic benchmark guide to the {move}, with cues, variations"
        " and the mistakes to avoid.",
        f"level: {level}",
        f"equipment: [{rng.choice(_TOOLS)}, {rng.choice(_TOOLS)} (optional)]",
        f'met: {{value: {rng.randint(2, 8)}, cite: "[@{popular[0].key}]"}}',
        f"last_reviewed: 20{rng.randint(20, 26)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        f"related: [{', '.join(related)}]",
        f"safety: Stop the {name} if it hurts, as distinct from the effort of working muscles.",
        "muscles:",
    ]
    for index, muscle in enumerate(muscles):
        front.append(f"  - name: {muscle}")
        front.append(f"    role: {_ROLES[min(index, 3)]}")
        note = f"Works through the {rng.choice(_PHASES)} phase of the {name} ({muscle.lower()})."
        if index == 0:
            note = note[:-1] + f" [@{own[7].key}]."
        front.append(f"    note: >-\n      {note}")
    front.append("variations:")
    for index, variation_level in enumerate(_LEVELS):
        front.append(f"  - name: {rng.choice(_MODIFIERS).capitalize()} variation {index + 1}")
        front.append(f"    level: {variation_level}")
        how = _wrap(w.named(), 70).replace("\n", "\n      ")
        front.append(f"    how: >-\n      {how}")
    front.append("mistakes:")
    for _ in range(4):
        front.append(f"  - mistake: The {rng.choice(_PARTS)} lose position.")
        front.append(f"    fix: {w.named()}")
    front.append("faq:")
    for index in range(3):
        front.append(f"  - q: How often should I train the {name}, question {index + 1}?")
        answer = w.paragraph(
            2,
            f"Two to three days a week suit most people [@{popular[1].key}]." if index == 0 else "",
        )
        front.append("    a: >-\n      " + answer.replace("\n", "\n      "))
    front.append("---")

    body = [
        f"# {title}",
        w.paragraph(4, f"It suits {level} lifters [@{own[0].key}]."),
        w.paragraph(4),
        f"## {_HEADINGS[0]}",
        "\n".join(f"{step}. {w.named() if step == 1 else w.sentence()}" for step in range(1, 9)),
        w.paragraph(4, f"Control matters more than load [@{own[1].key}, p. {rng.randint(2, 99)}]."),
        f"## {_HEADINGS[1]}",
        "\n".join(f"- {w.named() if item == 0 else w.sentence()}" for item in range(5)),
        w.paragraph(5, f"Regular training brings steady gains [@{own[2].key}; @{own[3].key}]."),
        w.paragraph(5, _narrative(own[4])),
        f"## {_HEADINGS[2]}",
        w.paragraph(5, f"Volume can rise week by week [PMID {own[5].pmid}]."),
        w.paragraph(4, _narrative(popular[2])),
        w.paragraph(4, f"Progress is reported in PMID {own[6].pmid} as well."),
        f"## {_HEADINGS[3]}",
        w.paragraph(4),
        w.paragraph(4, f"See the [{related[0].replace('-', ' ')} guide]({related[0]}.md) next."),
        f"## {_HEADINGS[4]}",
        w.paragraph(5, f"Guidelines agree on the basics [@{popular[0].key}]."),
        w.paragraph(4),
    ]
    return "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


def _dense_guide(number: int, total: int, refs: list[Reference], rng: random.Random) -> str:
    """A guide of the dense shape: long cited bodies, full structured sections."""
    count = len(refs)
    first = POPULAR + (number * 16) % (count - POPULAR - 16)
    own = refs[first : first + 16]
    move = f"{rng.choice(_MODIFIERS)} {rng.choice(_MOVES)}"
    title = f"Synthetic drill {number:05d}: {move}"
    name = f"synthetic drill {number:05d}"
    w = _Writer(rng, name)
    level = rng.choice(_LEVELS)
    cited = 0

    def cite(sentence: str) -> str:
        nonlocal cited
        ref = own[cited % len(own)]
        cited += 1
        if cited % 10 in (1, 4, 7):  # three in ten: a PMID in prose, in parentheses
            return f"{sentence[:-1]} (PMID {ref.pmid})."
        return f"{sentence[:-1]} [@{ref.key}]."

    def paragraph(index: int) -> str:
        sentences = [w.named()] + [w.sentence() for _ in range(4)]
        # A quarter of the sentences cited: 15 of the body's 60.
        marked = {(index * 5 + k) for k in range(5) if (index * 5 + k) % 4 == 0}
        return _wrap(
            " ".join(cite(s) if index * 5 + k in marked else s for k, s in enumerate(sentences))
        )

    front = [
        "---",
        f'title: "{title}"',
        f"description: A synthetic benchmark guide to the {move}, dense with cited claims.",
        f"level: {level}",
        f"equipment: [{rng.choice(_TOOLS)}]",
        f"last_reviewed: 20{rng.randint(20, 26)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        f"related: [{slug((number + 1) % total)}]",
        "muscles:",
    ]
    for index, muscle in enumerate(rng.sample(_MUSCLES, 5)):
        front += [f"  - name: {muscle}", f"    role: {_ROLES[min(index, 3)]}"]
        front.append(f"    note: Works in the {name} ({muscle.lower()}).")
    front.append("variations:")
    for index in range(5):
        front += [
            f"  - name: {rng.choice(_MODIFIERS).capitalize()} variation {index + 1}",
            f"    level: {_LEVELS[min(index // 2, 2)]}",
            f"    how: >-\n      {w.named()}",
        ]
    front.append("mistakes:")
    for _ in range(6):
        front += [f"  - mistake: The {rng.choice(_PARTS)} lose position.", f"    fix: {w.named()}"]
    front.append("faq:")
    for index in range(3):
        front.append(f"  - q: How often should I train the {name}, question {index + 1}?")
        answer = w.paragraph(3, cite(w.sentence()) if index == 0 else "")
        front.append("    a: >-\n      " + answer.replace("\n", "\n      "))
    front.append("---")
    body = [f"# {title}"]
    for index in range(12):
        if index % 4 == 0:
            body.append(f"## {_HEADINGS[index // 4]}")
        body.append(paragraph(index))
    return "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


def _brief_guide(number: int, total: int, refs: list[Reference], rng: random.Random) -> str:
    """A guide of the brief shape: what a growing library holds most of, a short first version.

    Only the required front-matter, one entry in each list, and a body of three
    short paragraphs with two citations (about 250 words). A plain build's cost
    per page is then mostly the page template, so whatever the plugin adds to
    every page weighs most here.
    """
    count = len(refs)
    first = POPULAR + (number * 2) % (count - POPULAR - 2)
    own = refs[first : first + 2]
    move = f"{rng.choice(_MODIFIERS)} {rng.choice(_MOVES)}"
    title = f"Synthetic drill {number:05d}: {move}"
    name = f"synthetic drill {number:05d}"
    w = _Writer(rng, name)
    front = [
        "---",
        f'title: "{title}"',
        f"description: A short synthetic benchmark guide to the {move}.",
        f"level: {rng.choice(_LEVELS)}",
        f"last_reviewed: 20{rng.randint(20, 26)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "muscles:",
        f"  - name: {rng.choice(_MUSCLES)}",
        "    role: primary",
        "variations:",
        f"  - name: {rng.choice(_MODIFIERS).capitalize()} variation",
        f"    level: {rng.choice(_LEVELS)}",
        f"    how: {w.named()}",
        "mistakes:",
        f"  - mistake: The {rng.choice(_PARTS)} lose position.",
        f"    fix: {w.named()}",
        "faq:",
        f"  - q: How often should I train the {name}?",
        f"    a: {w.named()}",
        "---",
    ]
    body = [
        f"# {title}",
        w.paragraph(3, f"It is a common first drill [@{own[0].key}]."),
        "## How to do it",
        w.paragraph(3),
        w.paragraph(3, f"Most people progress within weeks (PMID {own[1].pmid})."),
    ]
    return "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


def _review_guide(number: int, total: int, refs: list[Reference], rng: random.Random) -> str:
    """A guide of the review shape: a long evidence review, as a library's flagship pages are.

    Full front-matter (4 of each list), a body of 24 paragraphs of 6 sentences
    in 6 sections, each paragraph with a group of two to four citations (some
    with page locators) and a narrative citation in every third; a 12-row
    table of studies with a citation in each row; two admonitions. It cites
    about 60 distinct entries, so its reference list is long.
    """
    count = len(refs)
    first = POPULAR + (number * 60) % (count - POPULAR - 60)
    own = refs[first : first + 60]
    move = f"{rng.choice(_MODIFIERS)} {rng.choice(_MOVES)}"
    title = f"Synthetic drill {number:05d}: {move}"
    name = f"synthetic drill {number:05d}"
    w = _Writer(rng, name)
    turn = 0

    def next_ref() -> Reference:
        nonlocal turn
        turn += 1
        return own[turn % len(own)]

    def group() -> str:
        keys = []
        for index in range(rng.randint(2, 4)):
            locator = f", p. {rng.randint(2, 300)}" if index == 0 and rng.random() < 0.3 else ""
            keys.append(f"@{next_ref().key}{locator}")
        return f"The evidence points the same way [{'; '.join(keys)}]."

    front = [
        "---",
        f'title: "{title}"',
        f"description: A synthetic benchmark review of the evidence on the {move}.",
        f"level: {rng.choice(_LEVELS)}",
        f"equipment: [{rng.choice(_TOOLS)}, {rng.choice(_TOOLS)}]",
        f'met: {{value: {rng.randint(2, 8)}, cite: "[@{next_ref().key}]"}}',
        f"last_reviewed: 20{rng.randint(20, 26)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        f"related: [{slug((number + 1) % total)}, {slug((number + 3) % total)}]",
        f"safety: Stop the {name} if it hurts [@{next_ref().key}].",
        "muscles:",
    ]
    for index, muscle in enumerate(rng.sample(_MUSCLES, 4)):
        front += [f"  - name: {muscle}", f"    role: {_ROLES[index]}"]
        front.append(f"    note: Works in the {name} ({muscle.lower()}) [@{next_ref().key}].")
    front.append("variations:")
    for index in range(4):
        front += [
            f"  - name: {rng.choice(_MODIFIERS).capitalize()} variation {index + 1}",
            f"    level: {_LEVELS[min(index, 2)]}",
            f"    how: >-\n      {w.named()}",
        ]
    front.append("mistakes:")
    for _ in range(4):
        front += [f"  - mistake: The {rng.choice(_PARTS)} lose position.", f"    fix: {w.named()}"]
    front.append("faq:")
    for index in range(4):
        front.append(f"  - q: What does the evidence say about the {name}, point {index + 1}?")
        answer = w.paragraph(3, f"Trials agree on it [@{next_ref().key}].")
        front.append("    a: >-\n      " + answer.replace("\n", "\n      "))
    front.append("---")
    body = [f"# {title}", w.paragraph(4)]
    sections = ("Background", "How to do it", "Strength", "Size", "Safety", "Evidence")
    for index in range(24):
        if index % 4 == 0:
            body.append(f"## {sections[index // 4]}")
        extra = _narrative(next_ref()) if index % 3 == 0 else ""
        sentences = w.paragraph(5, extra)
        body.append(_wrap(f"{sentences.replace(chr(10), ' ')} {group()}"))
        if index == 9:
            rows = ["| Study | Participants | Weeks | Finding |", "| --- | ---: | ---: | --- |"]
            for _ in range(12):
                ref = next_ref()
                rows.append(
                    f"| {ref.surname} et al. ({ref.year}) [@{ref.key}] | {rng.randint(12, 240)}"
                    f" | {rng.randint(4, 24)} | More {rng.choice(_OUTCOMES)} |"
                )
            body.append("\n".join(rows))
        if index in (4, 17):
            body.append(f'!!! note "On the {name}"\n    ' + w.named())
    return "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


SHAPES = {
    "standard": _guide,
    "dense": _dense_guide,
    "brief": _brief_guide,
    "review": _review_guide,
}
"""Guide writers by corpus shape (``--shape``)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--guides", type=int, default=500)
    parser.add_argument("--references", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="standard")
    arguments = parser.parse_args(argv)
    corpus = generate(
        arguments.folder,
        guides=arguments.guides,
        references=arguments.references,
        seed=arguments.seed,
        shape=arguments.shape,
    )
    print(f"wrote {corpus.guides} guides and {corpus.references} references to {corpus.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
