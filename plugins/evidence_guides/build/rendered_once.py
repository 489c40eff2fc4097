"""A theme's markup for one value, rendered once a build however many pages show it.

The theme's reference macro is called for every page that cites a reference and
again on the pages of the references: tens of thousands of calls for a few
thousand references, each the same HTML, as the macro reads nothing but the
reference. The engines give their templates :class:`RenderedOnce` as
``rendered_once``; a macro wraps its markup in ``{% call rendered_once(name,
value) %}...{% endcall %}`` and the markup stays in the template, where a theme
override changes it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

# A preview may run for days while references are edited: each edit makes new
# values, and the old ones' markup would otherwise stay.
MAX_KEPT = 100_000


class RenderedOnce:
    """The markup a template's call block renders for ``value``, kept for the next call.

    Only for markup that depends on nothing but ``value``: a macro imported
    without context, such as ``partials/reference.html``'s, sees no page.
    """

    def __init__(self) -> None:
        self._kept: dict[tuple[str, Hashable], str] = {}

    def __call__(self, name: str, value: Hashable, caller: Callable[[], str]) -> str:
        key = (name, value)
        html = self._kept.get(key)
        if html is None:
            if len(self._kept) >= MAX_KEPT:
                self._kept.clear()
            html = self._kept[key] = caller()
        return html
