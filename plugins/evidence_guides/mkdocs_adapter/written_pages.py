"""A guide's whole page as the theme wrote it, given back when nothing it shows has changed.

After a build, MkDocs puts every guide in its template again, though most are
as they were. On a library of short guides that is the largest part of a build
after a build (a quarter of it, profiled on the ``brief`` corpus shape at 5,000
guides): more than the Markdown conversion the page cache saves. So a guide's
output is kept in the page cache (by the page's text) with a digest of
everything its template could read, and given back while the digest is the same:

- of the site (once a build): the page cache's site key (this code, the
  settings, the theme's templates, the installed distributions, the site's
  files), the whole configuration with every plugin's options, the
  navigation, every page's address and title, the theme's other files and the
  template environment's globals;
- of the page: its address, title, meta, content, table of contents,
  canonical and edit addresses, neighbours and ancestors in the navigation,
  and every other value of its context (the guide's data, the policy page's
  address), each of which must be plain data: a value of another kind
  (another plugin's object) means the page is always rendered;
- what changes with any guide, only if the template read it when it wrote the
  page (each is watched while it renders): the site's listings
  (``evidence_site``) and every page's address and title (``pages``). A guide
  edited is then rendered again with the guides that show it (as related),
  not with all the others.

What else MkDocs hands a template is its build time (``build_date_utc``): a
theme whose templates name it turns this off. A template opts in by writing
``evidence_written`` alone when it is set (``guide.html`` extends
``evidence-written.html`` then); only :data:`OPTED_IN` templates are offered
it. The preview renders every page, as it keeps no results.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import hashlib
import os
import types
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from evidence_guides.build.listings import SiteListings
from evidence_guides.build.page_cache import WrittenPage
from evidence_guides.mkdocs_adapter.engine import theme_files_digest

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

    from evidence_guides.build.cached_pages import CachedPages

OPTED_IN = frozenset({"guide.html"})
"""The templates that write ``evidence_written`` alone when it is set."""
OFFERED = "evidence_written"
_WATCHED = ("evidence_site", "pages")
_MKDOCS_CONTEXT = frozenset(
    {"config", "nav", "pages", "page", "base_url", "extra_css", "extra_javascript"}
    | {"mkdocs_version", "build_date_utc"}
)
"""What MkDocs puts in every page's context: read into the digest of the site or the page."""


class NotData(Exception):
    """A value whose every part a digest cannot read (an object, not plain data)."""


@dataclasses.dataclass(slots=True)
class _Rendering:
    """A page its template renders now: what its output is made of, and the watched
    values it read."""

    made_of: str
    read: set[str] = dataclasses.field(default_factory=set)


class WrittenPages:
    """One build's guides: whole outputs given back, and the new ones kept."""

    def __init__(
        self,
        cache: CachedPages | None,
        config: MkDocsConfig | None = None,
        files: Files | None = None,
    ) -> None:
        # No cache: every page is rendered, nothing kept.
        self._cache = cache if config is not None and files is not None else None
        self._config = config
        self._files = files
        self._env: jinja2.Environment | None = None
        self._site: str | None = None  # the site's digest, once every page is converted ("":
        # some of it is not data, and nothing is given back or kept)
        self._rendering: dict[str, _Rendering] = {}
        self._watched: dict[str, str] = {}  # a watched value's digest, once asked for

    @classmethod
    def for_build(
        cls, cache: CachedPages | None, config: MkDocsConfig, files: Files
    ) -> WrittenPages:
        """Outputs given back and kept, unless the theme shows the build's time."""
        if cache is not None and _shows_build_time(tuple(config.theme.dirs)):
            cache = None
        return cls(cache, config, files)

    def use_env(self, env: jinja2.Environment) -> None:
        """The templates' environment, whose globals every template can read."""
        self._env = env

    def offer(self, context: dict[str, Any], page: Page) -> None:
        """Set ``evidence_written`` to the page's kept output if made of the same; otherwise
        note what the output will be made of, and watch what it reads of :data:`_WATCHED`."""
        if self._cache is None or page.meta.get("template", "main.html") not in OPTED_IN:
            return
        try:
            made_of = self._made_of(context, page)
        except NotData:
            return
        src_uri = page.file.src_uri
        kept = self._cache.written(src_uri)
        if kept is not None and kept.made_of == made_of and self._as_read(kept.read):
            context[OFFERED] = Markup(kept.output)
            return
        rendering = self._rendering[src_uri] = _Rendering(made_of)
        for name in _WATCHED:
            if name in context:
                context[name] = _watched(name, context[name], rendering)

    def keep(self, page: Page, output: str) -> None:
        """Keep the output of a page rendered now, for the next build."""
        rendering = self._rendering.pop(page.file.src_uri, None)
        if rendering is None or self._cache is None:
            return
        read = tuple((name, self._digest_of(name)) for name in sorted(rendering.read))
        written = WrittenPage(rendering.made_of, read, output)
        self._cache.keep_written(page.file.src_uri, written)

    def _as_read(self, read: tuple[tuple[str, str], ...]) -> bool:
        """Whether the watched values a kept output read are as they were."""
        return all(self._digest_of(name) == digest for name, digest in read)

    def _digest_of(self, name: str) -> str:
        """A watched value's digest: the same on every page of a build."""
        found = self._watched.get(name)
        if found is None:
            assert self._cache is not None
            if name == "evidence_site":
                found = self._cache.listings_made_of()
            else:
                assert self._files is not None
                found = hashlib.sha256(_pages(self._files).encode("utf-8", "surrogatepass"))
                found = found.hexdigest()
            self._watched[name] = found
        return found

    def _made_of(self, context: Mapping[str, Any], page: Page) -> str:
        site = self._site_made_of(context)
        if not site:
            raise NotData("the site")
        digest = hashlib.blake2b(site.encode(), digest_size=20)
        parts = list(_page_parts(page))
        parts.extend(
            f"{key}={data(context[key])}"
            for key in sorted(context)
            if key not in _MKDOCS_CONTEXT and key not in _WATCHED
        )
        for part in parts:
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()

    def _site_made_of(self, context: Mapping[str, Any]) -> str:
        """The digest of what every page is made of; "" when some of it is not data."""
        if self._site is None:
            assert self._cache is not None
            try:
                parts = self._site_parts(context)
            except NotData:
                parts = []
            encoded = "\0".join(parts).encode("utf-8", "surrogatepass")
            self._site = hashlib.sha256(encoded).hexdigest() if parts else ""
        return self._site

    def _site_parts(self, context: Mapping[str, Any]) -> list[str]:
        assert self._cache is not None and self._config is not None
        return [
            self._cache.site_key,
            str(context.get("mkdocs_version")),
            _configuration(self._config),
            _navigation(getattr(context.get("nav"), "items", ())),
            _globals(self._env.globals if self._env is not None else {}),
            # A template may include any file of the theme, not only its templates.
            theme_files_digest(tuple(self._config.theme.dirs), "*"),
        ]


def _watched(name: str, value: Any, rendering: _Rendering) -> Any:
    """``value`` (one of :data:`_WATCHED`), noting in ``rendering`` when the template reads it."""
    if isinstance(value, SiteListings):
        made = value.made

        def read() -> Any:
            rendering.read.add(name)
            return made() if callable(made) else made

        return dataclasses.replace(value, made=read)
    if isinstance(value, list):
        return _WatchedList(value, name, rendering)
    rendering.read.add(name)  # not watched: taken as read
    return value


class _WatchedList(list):  # type: ignore[type-arg]
    """A list that notes in ``rendering`` when it is read (MkDocs' ``pages``): any of its
    methods (below, those Python calls without looking the name up)."""

    def __init__(self, items: list[Any], name: str, rendering: _Rendering) -> None:
        super().__init__(items)
        self._watch = (name, rendering)

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("_"):  # index, count, copy and the like
            _noted(self)
        return super().__getattribute__(name)


def _noted(watched: _WatchedList) -> None:
    name, rendering = object.__getattribute__(watched, "_watch")
    rendering.read.add(name)


def _noting(method: Any) -> Any:
    @functools.wraps(method)
    def noting(self: _WatchedList, *args: Any) -> Any:
        _noted(self)
        return method(self, *args)

    return noting


_READS = ("__iter__", "__reversed__", "__len__", "__contains__", "__getitem__", "__repr__",
          "__str__", "__format__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
          "__add__", "__mul__", "__rmul__")  # fmt: skip
for _method in _READS:
    if hasattr(list, _method):
        setattr(_WatchedList, _method, _noting(getattr(list, _method)))


def data(value: object) -> str:
    """``value`` as text holding every part of it; raises NotData for anything but data:
    text, numbers, dates, enums, data classes and containers of them."""
    if value is None or isinstance(value, (bool, int, float, str, enum.Enum)):
        return repr(value)  # Markup's repr is not a str's: markup and text differ
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}[{', '.join(data(item) for item in value)}]"
    if isinstance(value, (set, frozenset)):
        return f"set[{', '.join(sorted(data(item) for item in value))}]"
    if isinstance(value, Mapping):
        items = sorted(f"{data(key)}: {data(item)}" for key, item in value.items())
        return f"{{{', '.join(items)}}}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
        return f"{type(value).__module__}.{type(value).__qualname__}{data(fields)}"
    raise NotData(type(value).__qualname__)


def _page_parts(page: Page) -> Iterator[str]:
    yield f"{page.file.src_uri}\0{page.url}\0{page.title}\0{page.is_homepage}"
    yield f"{page.canonical_url}\0{page.edit_url}"
    yield data(page.meta)
    # Not its Markdown: none when the page cache gives MkDocs' conversion back (what it
    # becomes is the content), so a build after a first build would render every guide.
    yield page.content or ""
    yield _contents(page.toc)
    for other in (page.previous_page, page.next_page):
        yield f"{other.url}\0{other.title}" if other is not None else ""
    yield "\0".join(str(ancestor.title) for ancestor in page.ancestors)


def _contents(links: Iterable[AnchorLink]) -> str:
    return "".join(
        f"[{link.level} {link.id} {link.title}{_contents(link.children)}]" for link in links
    )


def _configuration(config: MkDocsConfig) -> str:
    """The configuration file, and every option of the configuration, the theme and the
    plugins as read (environment variables, command-line flags, plugins' changes) when
    it is data; an option of another kind (a pattern of files) is read from the file."""
    try:
        parts = [Path(config.config_file_path).read_bytes().hex()]
    except (OSError, TypeError):
        raise NotData("the configuration file") from None
    parts.extend(_options(options) for options in (config, config.theme))
    for name, plugin in sorted(config.plugins.items()):
        options = getattr(plugin, "config", None)
        parts.append(f"{name}: {_options(options) if isinstance(options, Mapping) else ''}")
        if isinstance(plugin, types.ModuleType):  # a hook: its code, which no version names
            parts.append(_read(Path(str(plugin.__file__))).hex())
    parts.append(data([list(config.theme.dirs), config.theme.static_templates]))
    return "\0".join(parts)


def _options(options: Mapping[str, Any]) -> str:
    shown = []
    for key in sorted(options):
        try:
            shown.append(f"{key}={data(options[key])}")
        except NotData:
            shown.append(f"{key} (in the file)")
    return "\0".join(shown)


def _navigation(items: Iterable[Any]) -> str:
    return "".join(
        f"[{type(item).__name__} {item.title} {getattr(item, 'url', '')}"
        f"{_navigation(getattr(item, 'children', None) or ())}]"
        for item in items
    )


def _pages(files: Files) -> str:
    """Every page's source, address and title (``pages`` in a template's context)."""
    return "\0".join(
        f"{file.src_uri} {file.url} {file.page.title if file.page is not None else ''}"
        for file in files.documentation_pages()
    )


def _globals(values: Mapping[str, Any]) -> str:
    """The environment's globals: a function by its name (its code is in the site key)."""
    shown = []
    for name, value in sorted(values.items()):
        if callable(value):
            kind = value if isinstance(value, type) else type(value)
            named = getattr(value, "__qualname__", kind.__qualname__)
            shown.append(f"{name}=<{kind.__module__}.{named}>")
        else:
            shown.append(f"{name}={data(value)}")
    return "\0".join(shown)


@functools.cache
def _shows_build_time(dirs: tuple[str, ...]) -> bool:
    """Whether a template of the theme names the build's time, which no two builds share."""
    return any(b"build_date_utc" in text for text in _templates(dirs))


def _templates(dirs: tuple[str, ...]) -> Iterator[bytes]:
    for folder in dirs:
        for root, subfolders, names in os.walk(folder):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]  # icons
            for name in names:
                if name.endswith((".html", ".xml", ".txt", ".j2", ".jinja")):
                    yield _read(Path(root, name))


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError:
        return b"build_date_utc"  # unread: taken as naming it
