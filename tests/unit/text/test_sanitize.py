"""The sanitiser: markup from data keeps the allowlist, and no URL runs script."""

from __future__ import annotations

import datetime
import random
from html.parser import HTMLParser
from xml.sax.saxutils import quoteattr

import markdown
import pytest

from evidence_guides.text.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    is_safe_url,
    neutralise_links,
    sanitize_html,
    text_value,
    tooltip_text,
    unsafe_url_attributes,
    url_scheme,
    visible_text,
)
from tests.support.html_safety import scan

# The site's extensions (mkdocs.yml), as the plugin's field converter has them.
SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details"]
SITE_EXTENSIONS += ["tables", "toc"]

SCRIPT_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "java&#9;script:alert(1)",
    "java&#10;script:alert(1)",
    "java&Tab;script:alert(1)",
    "&#1;javascript:alert(1)",
    " &#x20;javascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "livescript:alert(1)",
]


@pytest.fixture(scope="module")
def converter() -> markdown.Markdown:
    configs = {"toc": {"permalink": True}}
    md = markdown.Markdown(extensions=SITE_EXTENSIONS, extension_configs=configs)
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def attributes(html: str) -> list[tuple[str, str | None]]:
    """Every attribute in ``html``, as a browser reads it (references decoded)."""
    found: list[tuple[str, str | None]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(attrs)

    Collector().feed(html)
    return found


def attribute_names(html: str) -> set[str]:
    return {name for name, _ in attributes(html)}


def attribute_values(html: str) -> list[str | None]:
    return [value for _, value in attributes(html)]


def field_html(converter: markdown.Markdown, text: str) -> str:
    """A front-matter field as the site renders it: converted, then sanitised."""
    return sanitize_html(converter.reset().convert(text))


# --- schemes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://pubmed.ncbi.nlm.nih.gov/1/", "https"),
        ("HTTP://example.org", "http"),
        ("mailto:editor@example.org", "mailto"),
        ("javascript:alert(1)", "javascript"),
        ("  \x00\x1f JavaScript:alert(1)", "javascript"),
        ("java\tscr\nipt\r:alert(1)", "javascript"),
        ("vbscript:x", "vbscript"),
        ("data:text/html,x", "data"),
        ("C:/Windows", "c"),
        ("../flutter-kick/", None),
        ("flutter-kick.md#how", None),
        ("#ref-garber2011", None),
        ("//cdn.example/x.png", None),
        ("?q=a:b", None),
        ("java script:alert(1)", None),  # a space is not part of a scheme: a relative path
        ("javascript%3Aalert(1)", None),
        ("", None),
    ],
)
def test_the_scheme_is_read_as_a_browser_reads_it(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        *[("https://x.example/", True), ("mailto:a@b.example", True), ("../x/", True)],
        *[("#faq", True), ("tel:+1555", False), ("ftp://x.example/", False)],
        *[("javascript:x", False), ("data:image/png;base64,AAAA", False)],
    ],
)
def test_only_web_mail_and_relative_urls_are_safe(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


# --- front-matter fields ---------------------------------------------------------------------


@pytest.mark.parametrize("url", SCRIPT_URLS)
@pytest.mark.parametrize(
    "template",
    [
        "[x]({url})",
        "[x](<{url}>)",
        '[x]({url} "title")',
        "![x]({url})",
        "[x][r]\n\n[r]: {url}",
        "[x]\n\n[x]: {url}",
        "Text, then [a link]({url}){{: .citation }} with a class.",
    ],
)
def test_no_field_link_or_image_keeps_a_script_url(
    converter: markdown.Markdown, template: str, url: str
) -> None:
    assert scan(field_html(converter, template.format(url=url))).problems == []


@pytest.mark.parametrize(
    "text",
    [
        "A phrase{: onmouseover=alert(1) }",
        '*A phrase*{: onmouseover="alert(1)" }',
        'An answer.\n{: onclick="alert(1)" }',
        "An answer.\n{: ONCLICK='alert(1)' onfocus=alert(1) tabindex=1 autofocus }",
        "[x](https://ok.example/){: onclick=alert(1) }",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=javascript:alert(1)></iframe>",
        "<form action=javascript:alert(1)><button formaction=javascript:x>Go</button></form>",
        "<script>alert(1)</script>",
        "<javascript:alert(1)>",
        'Text{: style="width: expression(alert(1))" }',
        '*Text*{: style="background: url(javascript:alert(1))" }',
        '[x](https://ok.example/ "<img src=x onerror=alert(1)>")',
        "*[HTML]: <img src=x onerror=alert(1)>\n\nHTML here.",
        "Para\n{: #__search .md-button data-md-component=search }",
    ],
)
def test_no_field_carries_handlers_styles_or_markup(
    converter: markdown.Markdown, text: str
) -> None:
    html = field_html(converter, text)
    assert scan(html).problems == []
    assert attribute_names(html) <= {"href", "title"}


def test_raw_html_in_a_field_is_shown_as_text(converter: markdown.Markdown) -> None:
    assert field_html(converter, "<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>"


@pytest.mark.parametrize(
    "html",
    [
        "<p>Plain text, with &amp; and &lt; and 'quotes'.</p>",
        "<p><em>em</em> <strong>strong</strong> <code>code</code><br>next</p>",
        '<p><a href="../flutter-kick/">flutter kick</a>, <a href="#faq">the FAQ</a>, '
        '<a href="https://pubmed.ncbi.nlm.nih.gov/1/">PubMed</a>, '
        '<a href="mailto:editor@example.org">write</a></p>',
        '<p>Citing<sup class="citations"><a class="citation" href="#ref-garber2011" '
        'title="Garber CE. Quantity &amp; quality. Med Sci Sports Exerc. 2011.">1</a>'
        '<span class="citation-locator">(p. 3)</span>,'
        '<span class="citation-missing" title="Unresolved citation: smith2099">smith2099?</span>'
        "</sup></p>",
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
        '<ol start="3">\n<li>three</li>\n</ol>',
        '<p><abbr title="Metabolic equivalent of task">MET</abbr></p>',
        '<p><img alt="A plank" src="../img/plank.png" title="Plank"></p>',
        "<blockquote>\n<p>Quoted.</p>\n</blockquote>",
        "<table>\n<thead>\n<tr>\n<th>Sets</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>3</td>\n</tr>"
        "\n</tbody>\n</table>",
    ],
)
def test_what_fields_legitimately_produce_passes_unchanged(html: str) -> None:
    assert sanitize_html(html) == html


def test_the_allowlist_holds_no_event_handler_style_or_id() -> None:
    names = {name for names in ALLOWED_ATTRIBUTES.values() for name in names}
    assert not {name for name in names if name.startswith("on")}
    assert not names & {"style", "id", "class", "srcdoc", "action", "formaction"}
    assert not ALLOWED_TAGS & {"script", "style", "iframe", "object", "embed", "form", "svg"}


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a class="md-button citation" href="#x">x</a>', '<a class="citation" href="#x">x</a>'),
        ('<p class="admonition-title" id="faq">x</p>', "<p>x</p>"),
        ('<a href="javascript:alert(1)" title="t">x</a>', '<a title="t">x</a>'),
        ("<p>before<script>alert(1)</script>after</p>", "<p>beforeafter</p>"),
        ("<details><summary>Q</summary><p>A</p></details>", "Q<p>A</p>"),
        ("<h2 id='x'>Heading</h2>", "Heading"),
    ],
)
def test_what_is_not_allowed_is_dropped(html: str, expected: str) -> None:
    assert sanitize_html(html) == expected


@pytest.mark.parametrize(
    ("title", "tooltip"),
    [
        ("Garber CE. Quantity & quality.", "Garber CE. Quantity & quality."),
        ("<img src=x onerror=alert(1)>", "<\u2060img src=x onerror=alert(1)>"),
        ("a < b </script>", "a <\u2060 b <\u2060/script>"),
        ("<\u2060img> already", "<\u2060img> already"),
    ],
)
def test_a_title_reaches_materials_tooltip_as_text(title: str, tooltip: str) -> None:
    """Material's tooltips set a title as HTML: no "<" in it may open a tag."""
    assert tooltip_text(title) == tooltip
    html = sanitize_html(f"<abbr title={quoteattr(title)}>x</abbr>")
    assert scan(html).problems == []
    assert attribute_values(html) == [tooltip]


# --- the body --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", SCRIPT_URLS)
@pytest.mark.parametrize(
    "template",
    [
        '<a href="{url}">x</a>',
        "<a href='{url}'>x</a>",
        '<A HREF="{url}">x</A>',
        '<a title="t"href="{url}">x</a>',
        '<a/href="{url}">x</a>',
        '<img alt="x" src="{url}">',
        '<form action="{url}"><button formaction="{url}">Go</button></form>',
        '<svg><a xlink:href="{url}"><text>x</text></a></svg>',
        '<iframe src="{url}"></iframe>',
        '<object data="{url}"></object>',
        '<img srcset="ok.png 1x, {url} 2x">',
        '<!--> <a href="{url}">x</a> -->',
    ],
)
def test_no_body_link_keeps_a_script_url(template: str, url: str) -> None:
    html = template.format(url=url)
    assert scan(neutralise_links(html)).problems == []


def test_unquoted_values_are_read_to_white_space() -> None:
    html = "<a href=javascript:alert(1) title=x>x</a>"
    assert neutralise_links(html) == "<a  title=x>x</a>"


def test_the_body_keeps_its_html_and_safe_links() -> None:
    html = (
        '<p>See <a href="../plank/">the plank</a> and <a href="https://x.example/?a=1&amp;b=2">'
        'this</a>.</p>\n<details class="note"><summary>More</summary><p onclick="x()">'
        '<span style="color: red">Red</span></p></details>\n<p>Text: href="javascript:x"</p>'
    )
    assert neutralise_links(html) is html


def test_a_link_written_as_text_stays_text() -> None:
    html = '<p title=\'<a href="javascript:x">\'><code>&lt;a href="javascript:x"&gt;</code></p>'
    assert neutralise_links(html) == html


def test_unsafe_attributes_are_found_where_they_are() -> None:
    html = '<p>x</p>\n<a class="c" href="  JavaScript:alert(1)">x</a>'
    (found,) = unsafe_url_attributes(html)
    assert html[found.start : found.end] == 'href="  JavaScript:alert(1)"'
    assert html[found.value_start :].startswith("  JavaScript:")
    assert (found.url, found.scheme) == ("  JavaScript:alert(1)", "javascript")


# --- page meta -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("A description.", "A description."),
        (160, "160"),
        (2.5, "2.5"),
        (datetime.date(2026, 11, 21), "2026-11-21"),
        (['"><script>alert(1)</script>'], None),
        ({"a": "b"}, None),
        (True, None),
        (None, None),
    ],
)
def test_a_meta_value_is_text_or_nothing(value: object, text: str | None) -> None:
    assert text_value(value) == text


def _disguised(rng: random.Random, url: str) -> str:
    """``url`` as an attacker might spell it in an attribute: case, references, white space."""
    pieces = []
    for char in url:
        roll = rng.random()
        if char.isalpha() and roll < 0.3:
            char = char.swapcase()
        if roll < 0.15:
            pieces.append(rng.choice((f"&#{ord(char)};", f"&#x{ord(char):x};", f"&#{ord(char)}")))
        elif char == ":" and roll < 0.4:
            pieces.append(rng.choice(("&colon;", "&#58;", "&#x3A;")))
        else:
            pieces.append(char)
        if rng.random() < 0.05:
            pieces.append(rng.choice(("\t", "\n", "\r", "&Tab;", "&NewLine;", "&#9;")))
    lead = rng.choice(("", " ", "\x01", "&#1;", "&#x20;", " \x7f"[:1]))
    return lead + "".join(pieces)


def _attribute_soup(rng: random.Random) -> str:
    names = ["href", "HREF", "src", "xlink:href", "formaction", "action", "srcset", "ping"]
    names += ["title", "class", "data-href", "alt"]
    urls = ["javascript:alert(1)", "vbscript:x", "data:text/html,x", "https://ok.example/"]
    urls += ["../page/", "#faq", "mailto:a@b.example", "JAVASCRIPT:x"]
    tag = rng.choice(["a", "img", "form", "iframe", "button", "svg><a", "A"])
    parts = [f"<{tag}"]
    for _ in range(rng.randint(1, 4)):
        parts.append(rng.choice([" ", "/", "\n", "\t", "  "]))
        name = rng.choice(names)
        value = _disguised(rng, rng.choice(urls))
        if name == "srcset":
            value = f"ok.png 1x, {value} 2x"
        quote = rng.choice(['"', "'", ""])
        if not quote:
            value = value.replace(" ", "").replace("\t", "").replace("\n", "").replace(">", "")
        if quote:
            value = value.replace(quote, "")
        parts.append(f"{name}{rng.choice(['=', ' = ', '='])}{quote}{value}{quote}")
    return "".join(parts) + ">x"


def test_the_quick_look_never_hides_an_unsafe_url() -> None:
    """The fast path that returns a page unread must never pass what the exact scan drops."""
    rng = random.Random(20261201)
    for _ in range(20_000):
        html = _attribute_soup(rng)
        assert scan(neutralise_links(html)).problems == [], repr(html)


# --- characters a reader is never sent -------------------------------------------------------

UNSHOWN = "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u2028\u2029\u202a\u202e\u2066\u2069"


@pytest.mark.parametrize("char", list(UNSHOWN))
def test_controls_separators_and_overrides_become_the_replacement_character(char: str) -> None:
    assert visible_text(f"Crunch {char}x") == "Crunch \ufffdx"


@pytest.mark.parametrize(
    "text",
    [
        "Tabs\tand\r\nline ends, caf\u00e9, \u00a0, 5\u201310",
        "\U0001f469\u200d\U0001f4bb and \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "\u200fRight-to-left mark, <\u2060tooltip text",  # marks and the tooltip's joiner
    ],
)
def test_writing_reaches_the_reader_as_it_is(text: str) -> None:
    assert visible_text(text) is text


def test_one_character_stands_for_one_so_positions_hold() -> None:
    text = "a\u202eb\x1b]0;T\x07c"
    assert len(visible_text(text)) == len(text)


@pytest.mark.parametrize(
    "html",
    [
        "<p>a&#x202e;b &#27;[2J &#x9b; &#8232;</p>",  # references, as a browser reads them
        '<p><a href="/a" title="x&#x1b;y">l</a> raw \u2067 \x1b</p>',
    ],
)
def test_a_fields_html_holds_no_control_or_override(html: str) -> None:
    cleaned = sanitize_html(html)
    assert not set(UNSHOWN) & set(cleaned), repr(cleaned)
    assert "\ufffd" in cleaned
