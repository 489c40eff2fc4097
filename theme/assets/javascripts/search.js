/* The site's search: Pagefind's static index, shown in Material's header search box.
 *
 * Costs a reader nothing until used: Pagefind's script is imported on the first
 * focus of the box (or "/", "s", "f"), and each query fetches only the index
 * chunks and result fragments it needs, from the site's own pagefind/ folder (and
 * the folders of its other shards, pagefind-2/..., merged into every search).
 * The box opens and closes through Material's own toggle (#__search), so it
 * looks and moves as Material's did. Keys: ArrowDown from the box goes to the
 * first result, ArrowUp/ArrowDown move between results (and back to the box),
 * Enter opens the result in focus (or, in the box, the first result), Escape
 * closes. The status line (role=status) announces how many guides were found.
 * Results are built as DOM nodes from Pagefind's data: titles and levels as
 * text, excerpts as text with only their <mark> highlights kept. */
(function () {
  "use strict";
  var root = document.querySelector("[data-guide-search]");
  var opener = document.querySelector("[data-guide-search-open]");
  var toggle = document.getElementById("__search");
  if (!root || !opener || !toggle || !("fetch" in window)) return;
  var form = root.querySelector("[data-guide-search-form]");
  var input = form.elements.query;
  var status = root.querySelector("[role=status]");
  var list = root.querySelector(".guide-search__results");
  var more = root.querySelector("[data-guide-search-more]");
  var selects = Array.prototype.slice.call(root.querySelectorAll("[data-guide-search-filter]"));
  var PAGE = 10;
  /* A query of one or two letters matches a prefix of thousands of words, whose
   * index chunks are the largest to fetch: the search starts at three. */
  var SHORTEST = 3;
  var LEVELS = ["beginner", "intermediate", "advanced"];
  var pagefind = null;
  var loading = null;
  var results = [];
  var shown = 0;
  var generation = 0;
  var quiet = false;  // focus moved by close(): it does not open the box again
  var filtering = null;
  var filterBox = root.querySelector("[data-guide-search-filters]");

  root.hidden = false;
  opener.hidden = false;

  function load() {
    if (!loading) {
      var path = new URL(root.getAttribute("data-pagefind-path"), document.baseURI).href;
      var site = new URL(root.getAttribute("data-site-root"), document.baseURI).pathname;
      var shards = (root.getAttribute("data-pagefind-merge") || "").split(" ").filter(Boolean);
      loading = import(path + "pagefind.js").then(function (module) {
        pagefind = module;
        return pagefind.options({ baseUrl: site, excerptLength: 24 });
      }).then(function () {
        pagefind.init();
        /* The index's other shards: every search and filter covers them too. */
        return Promise.all(shards.map(function (shard) {
          return pagefind.mergeIndex(new URL(shard, document.baseURI).href);
        }));
      }).catch(function () {
        loading = null;
        status.textContent = "Search is not available right now.";
      });
    }
    return loading;
  }

  /* The filters' values (every muscle, with the pages of each) are a download
   * of their own: fetched when the reader opens the filters, not before. */
  function loadFilters() {
    if (!filtering) {
      filtering = load().then(function () {
        return pagefind ? pagefind.filters() : null;
      }).then(fillFilters);
    }
    return filtering;
  }

  function fillFilters(filters) {
    selects.forEach(function (select) {
      var values = Object.keys((filters && filters[select.name]) || {});
      values.sort(function (a, b) {
        var order = LEVELS.indexOf(a.toLowerCase()) - LEVELS.indexOf(b.toLowerCase());
        return order || a.localeCompare(b);
      });
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
    });
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    opener.setAttribute("aria-expanded", "true");
    load();
  }

  /* Closed, the focus goes back to where the reader opened it: the header's
   * button on a small screen, the box (closed until typed in) on a wide one. */
  function close() {
    toggle.checked = false;
    opener.setAttribute("aria-expanded", "false");
    if (root.contains(document.activeElement)) {
      quiet = true;
      (opener.offsetParent ? opener : input).focus();
      quiet = false;
    }
  }

  function activeFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.name] = select.value;
    });
    return filters;
  }

  function run() {
    var query = input.value.trim();
    var filters = activeFilters();
    var mine = ++generation;
    if (query.length < SHORTEST && !Object.keys(filters).length) {
      results = [];
      list.textContent = "";
      more.hidden = true;
      status.textContent = query ? "Type three letters or more" : "Type to search the guides";
      return;
    }
    load().then(function () {
      if (!pagefind || mine !== generation) return null;
      var words = query.length < SHORTEST ? null : query;
      return pagefind.debouncedSearch(words, { filters: filters }, 300);
    }).then(function (found) {
      if (!found || mine !== generation) return;  // a newer query replaced this one
      results = found.results;
      list.textContent = "";
      shown = 0;
      return showMore(mine).then(function () {
        var count = results.length;
        var words = count === 1 ? "1 guide found" : count + " guides found";
        status.textContent = count ? words : "No guide found";
      });
    });
  }

  function showMore(mine) {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (data) {
      if (mine !== generation) return;
      data.forEach(function (item) { list.appendChild(resultItem(item)); });
      more.hidden = shown >= results.length;
    });
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("div");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("p");
    title.className = "guide-search__title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    var level = data.meta && data.meta.level;
    if (level) {
      var meta = document.createElement("p");
      var label = document.createElement("span");
      var known = LEVELS.indexOf(level.toLowerCase()) !== -1;
      label.className = "guide-level" + (known ? " guide-level--" + level.toLowerCase() : "");
      label.textContent = level;
      meta.appendChild(label);
      article.appendChild(meta);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "guide-search__excerpt";
    appendMarked(excerpt, data.excerpt || "");
    article.appendChild(excerpt);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  /* Pagefind's excerpt is HTML with <mark> around the matched words: keep the
   * text and the marks, nothing else (no element or attribute of the page's). */
  function appendMarked(target, html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    Array.prototype.forEach.call(parsed.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        target.appendChild(mark);
      } else {
        target.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  function isTyping(element) {
    return element && (element.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  opener.addEventListener("click", function () {
    open();
    input.focus();
  });
  input.addEventListener("focus", function () { if (!quiet) open(); });
  input.addEventListener("input", function () { open(); run(); });
  selects.forEach(function (select) { select.addEventListener("change", run); });
  filterBox.addEventListener("toggle", function () { if (filterBox.open) loadFilters(); });
  more.addEventListener("click", function () {
    var next = shown;
    showMore(generation).then(function () {
      var all = links();
      if (all[next]) all[next].focus();
    });
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { run(); input.focus(); }, 0);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  root.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;  // null: a click on no control, which closes nothing
    if (next && !root.contains(next) && next !== opener) close();
  });
  toggle.addEventListener("change", function () {
    opener.setAttribute("aria-expanded", String(toggle.checked));
    if (!toggle.checked && root.contains(document.activeElement)) close();
  });

  root.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && (document.activeElement === input || at !== -1)) {
      event.preventDefault();
      if (all[at + 1]) all[at + 1].focus();
    } else if (event.key === "ArrowUp" && at !== -1) {
      event.preventDefault();
      (at > 0 ? all[at - 1] : input).focus();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(document.activeElement)) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
      input.focus();
    }
  });
})();
