# Everything a fresh machine needs: Python 3.11+ and make.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The npm tools of the browser tests (axe-core, Lighthouse), pinned in package-lock.json.
NPM_STAMP := node_modules/.installed

.PHONY: site test serve lint lock clean lighthouse linkcheck linkcheck-external audit-quality report check

site: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP) $(NPM_STAMP)
	$(BIN)/ruff check plugins tests
	$(BIN)/pytest
	@mkdir -p test-artifacts
	$(BIN)/guides report --output test-artifacts/editorial-report.html

# The editorial report of the shipped content: every guide's findings, review age,
# reviewer and evidence mix, worst first, in one self-contained HTML page.
report: $(STAMP)
	@mkdir -p test-artifacts
	$(BIN)/guides report --output test-artifacts/editorial-report.html

# The live preview: builds the site once, then renders what each save changes; never
# strict (a page with a problem is served, its findings in a banner). DEV_ADDR=host:port.
DEV_ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/python -m evidence_guides.mkdocs_adapter.preview --dev-addr $(DEV_ADDR)

lint: $(STAMP)
	$(BIN)/ruff check plugins tests
	$(BIN)/ruff format --check plugins tests

# The environment is rebuilt whenever the pinned set or the package metadata changes.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "evidence-guides needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# Lighthouse (mobile) on the landing page and the leg raise guide of a fresh site/:
# prints the four scores of each and keeps the reports in test-artifacts/lighthouse/.
lighthouse: site $(NPM_STAMP)
	$(BIN)/python -m tests.browser.lighthouse site

# What an editor runs before publishing: the audit, a strict build of site/ and the
# check of every internal link and #anchor of that site, each run whatever the others
# found, then one summary; exit 1 if any of them failed. CHECK_DIR=path checks another
# guides project with this checkout's tools.
CHECK_DIR ?= .
CHECK_LOG = $(CHECK_DIR)/.cache/check-build.log
check: $(STAMP)
	@tools=$(CURDIR)/$(BIN); project=$$(cd $(CHECK_DIR) && pwd); \
	audit=ok; build=ok; links=ok; \
	echo "== guides audit"; \
	(cd "$$project" && "$$tools/guides" audit) || audit="FAILED: fix the findings above"; \
	echo "== mkdocs build --strict"; mkdir -p "$$project/.cache"; \
	(cd "$$project" && "$$tools/mkdocs" build --strict) >$(CHECK_LOG) 2>&1 || build="FAILED: fix the errors above"; \
	grep -v '^INFO' $(CHECK_LOG) || true; \
	if [ "$$build" = ok ]; then \
		echo "== link check"; \
		"$$tools/python" -m tests.browser.linkcheck "$$project/site" || links="FAILED: fix the links above"; \
	else links="not run: the strict build failed"; fi; \
	echo; echo "make check: $$project"; \
	printf '  %-38s %s\n' "audit (guides audit)" "$$audit" \
		"strict build (mkdocs build --strict)" "$$build" \
		"internal links and anchors" "$$links"; \
	if [ "$$audit$$build$$links" = okokok ]; then echo "ready to publish"; \
	else echo "not ready to publish"; exit 1; fi

# Every internal link and #anchor of a fresh site/, served on 127.0.0.1.
linkcheck: site
	$(BIN)/python -m tests.browser.linkcheck site

# The same, and every link to another site (PubMed, DOI...): needs the internet.
linkcheck-external: site
	$(BIN)/python -m tests.browser.linkcheck --external site

# npm ci installs exactly package-lock.json. Without npm the axe and Lighthouse
# tests skip with a hint, except in CI (CI=true), where that is an error.
$(NPM_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	elif [ "$$CI" = true ]; then \
		echo "npm not found: install Node.js 18.16+ and npm (apt-get install nodejs npm)" >&2; exit 1; \
	else \
		echo "npm not found: the axe and Lighthouse tests will skip (install Node.js 18.16+ and npm: apt-get install nodejs npm)"; \
	fi

# Build and audit synthetic corpora of 500, 2,000 and 5,000 guides citing a store
# of 20,000 references (generated into benchmarks/out/) and print the timings as a
# table; see README, "Performance". Takes about ten minutes. BENCH_ARGS passes
# options, e.g. BENCH_ARGS="--guides 500,2000".
.PHONY: bench bench-editor
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The editor's loop on synthetic libraries of 2,000 and 5,000 guides citing 20,000
# references: seconds from saving a guide (or a store entry cited by 20 guides) to the
# preview serving it, and lines printed per rebuild; see README, "Editing guides".
# Takes about ten minutes. BENCH_EDITOR_ARGS passes options, e.g. "--guides 2000 --saves 3".
bench-editor: $(STAMP)
	$(BIN)/python benchmarks/editor.py $(BENCH_EDITOR_ARGS)

# What a reader on a phone gets from a library of 5,000 guides (20,000 references):
# Lighthouse mobile performance, DOM elements and bytes fetched (gzipped) for the
# landing page, a listing page and a guide; the bytes from opening a guide to the
# first search results; Pagefind's indexing time as a share of the build. See
# README, "Performance". BENCH_ARGS="--guides 2000 --reuse" for another size.
.PHONY: bench-reader
bench-reader: $(STAMP) $(NPM_STAMP)
	$(BIN)/python benchmarks/reader.py $(BENCH_ARGS)

# What the plugin adds to a build on every corpus shape of benchmarks/corpus.py
# (standard, dense) at 2,000 and 5,000 guides: wall and CPU time against the same
# site with `enabled: false`, on all cores and on one (taskset -c 0), as medians
# of back-to-back pairs. BENCH_ARGS="--guides 2000 --runs 1" for a quick look, "--indexing" for what
# the search index adds (the build against `search: false`).
.PHONY: bench-builds
bench-builds: $(STAMP)
	$(BIN)/python benchmarks/build_cost.py $(BENCH_ARGS)

# Score `guides audit` on the labelled citation corpus kept beside this repository
# (../shared/data/citation-corpus; CORPUS=... for another): recall, precision,
# suggestions and false alarms per rule. The corpus is read in place, never copied.
CORPUS ?= ../shared/data/citation-corpus
SCORER ?= ../shared/tools/score-audit
audit-quality: $(STAMP)
	@if [ -d "$(CORPUS)" ] && [ -x "$(SCORER)" ]; then \
		$(SCORER) . "$(CORPUS)" --show 20; \
	else \
		echo "no labelled corpus at $(CORPUS) (or no scorer at $(SCORER)): nothing to score"; \
	fi

# Regenerate requirements.lock from requirements.in (needs network access to PyPI).
lock:
	$(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install --quiet pip-tools
	.lockenv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	rm -rf .lockenv

clean:
	rm -rf site $(VENV)
