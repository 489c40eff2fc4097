"""The editorial report's style and script, written into the page itself.

The report is one file an editor opens from disk or a CI artifact, with no
request to any other host: its CSS and its few lines of sorting script are
inlined, its charts are inline SVG, and its Content-Security-Policy forbids
loading anything else. Colours pass WCAG AA contrast on white.
"""

from __future__ import annotations

# Tier colours of the evidence bar, strongest first, then "not classified" and "retracted".
TIER_COLOURS: dict[str, str] = {
    "1": "#1b5e20",
    "2": "#2e7d32",
    "3": "#827717",
    "4": "#e65100",
    "5": "#546e7a",
    "unclassified": "#cfd8dc",
    "retracted": "#b71c1c",
}

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
)

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 80rem; padding: 1rem 1.25rem 3rem;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1c2429; background: #fff;
}
h1 { font-size: 1.75rem; margin: 0.5rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; }
.lede { color: #37474f; margin: 0 0 1rem; }
.totals { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0; padding: 0; }
.totals div { min-width: 7rem; }
.totals dt { font-size: 0.85rem; color: #37474f; }
.totals dd { margin: 0; font-size: 1.6rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; color: #37474f; padding-bottom: 0.5rem; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid #cfd8dc; }
thead th { border-bottom: 2px solid #90a4ae; white-space: nowrap; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
th button {
  font: inherit; font-weight: 700; color: inherit; background: none; border: 0;
  padding: 0.2rem 0; cursor: pointer; text-decoration: underline; text-underline-offset: 0.2em;
}
th button:focus-visible, summary:focus-visible { outline: 3px solid #1565c0; outline-offset: 2px; }
th[aria-sort="ascending"] button::after { content: " \\2191"; }
th[aria-sort="descending"] button::after { content: " \\2193"; }
.path { display: block; font: 0.8rem/1.4 ui-monospace, monospace; color: #455a64; }
.tag { display: inline-block; border-radius: 0.2rem; padding: 0 0.35em; font-size: 0.8rem; }
.tag--error { background: #fde3e3; color: #7a1c1c; }
.tag--warning { background: #fff1d6; color: #5c3d00; }
.tag--draft { background: #eceff1; color: #263238; }
.tag--stale { background: #fff1d6; color: #5c3d00; }
.tag--ok { background: #e3f2e5; color: #1b4d24; }
.rules { list-style: none; margin: 0; padding: 0; }
.rules li { margin: 0 0 0.2rem; }
details { margin-top: 0.3rem; }
details ol { margin: 0.3rem 0 0; padding-left: 1.2rem; font-size: 0.85rem; }
summary { cursor: pointer; color: #0d47a1; }
.none { color: #455a64; }
.bar { display: block; margin-bottom: 0.25rem; }
.mix { font-size: 0.85rem; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; padding: 0; }
.legend li { display: flex; align-items: center; gap: 0.35rem; font-size: 0.85rem; }
.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border: 1px solid #90a4ae; }
@media (max-width: 48rem) {
  table.guides, table.guides caption, table.guides thead, table.guides tbody,
  table.guides tr, table.guides th, table.guides td { display: block; }
  /* The sortable headings become a row of buttons above the cards. */
  table.guides thead tr { display: flex; flex-wrap: wrap; gap: 0 1rem; border: 0; margin: 0; }
  table.guides thead th { border: 0; padding: 0.2rem 0; }
  table.guides thead th:not([data-sort]) { display: none; }
  table.guides tr { border: 1px solid #cfd8dc; border-radius: 0.3rem; margin: 0 0 1rem; }
  table.guides td, table.guides th { border: 0; }
  table.guides td[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
  td.number { text-align: left; }
}
@media print {
  th button { text-decoration: none; }
  details ol { display: block; }
  tr { break-inside: avoid; }
}
"""

# Sorts the guides table by a column when its heading's button is pressed: numbers as
# numbers, text by locale; a second press reverses. aria-sort tells assistive technology.
SCRIPT = """
(function () {
  var table = document.querySelector("table.guides");
  if (!table) { return; }
  var body = table.tBodies[0];
  var headers = table.querySelectorAll("th[data-sort]");
  var status = document.getElementById("sort-status");
  headers.forEach(function (header) {
    header.querySelector("button").addEventListener("click", function () {
      var key = header.getAttribute("data-sort");
      var numeric = header.hasAttribute("data-numeric");
      var descending = header.getAttribute("aria-sort") === "ascending";
      if (header.getAttribute("aria-sort") === "none") { descending = numeric; }
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key);
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
      header.setAttribute("aria-sort", descending ? "descending" : "ascending");
      status.textContent = "Sorted by " + header.textContent.trim() + ", " +
        (descending ? "descending" : "ascending") + ".";
    });
  });
})();
"""
