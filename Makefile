# natprog — `make` turns every draft in inputs/ into outputs/<stem>-<ext>/; `make test` runs the tests.
# Both create .venv on first use; nothing is installed by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NATPROG := $(BIN)/natprog
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

SOURCES := $(shell find pipeline -type f \( -name '*.py' -o -name '*.csv' -o -name '*.json' -o -name '*.html' -o -name '*.j2' -o -name '*.css' -o -name '*.js' -o -name '*.txt' -o -name '*.aff' -o -name '*.dic' \)) abbreviations.csv $(wildcard natprog.toml)
# make cannot name drafts with spaces as prerequisites, so it depends on a listing of every draft
# (path, size, modification time), rewritten when it parses this file for `make`/`make all` and
# only when a draft was added, removed or edited (tools/list_inputs.py); batch's cache decides
# which drafts to recompute, and --prune removes, and lists, the outputs of drafts that are gone.
INPUTS_LISTING := outputs/.inputs-listing
DATABASE := outputs/programmes.sqlite
DATABASE_STAMP := outputs/.programmes-loaded
ifneq ($(filter all outputs/summary.json db $(DATABASE_STAMP),$(or $(MAKECMDGOALS),all)),)
  $(shell $(PYTHON) tools/list_inputs.py inputs $(INPUTS_LISTING))
endif

.PHONY: all db FORCE test test-slow corpus check lint format bench bench-pdf profile clean distclean
.DEFAULT_GOAL := all

# `natprog batch` is the incremental build: it skips a draft whose bytes, natprog (version and
# code), options, natprog.toml and abbreviations.csv are all unchanged (a content-hash cache
# beside each draft's outputs), runs the others in parallel, copes with any file name, and
# (--prune) removes the outputs of drafts no longer in inputs/, one line each.
# One recipe writes outputs/, so `make -j2` is safe.
all: outputs/summary.json

# The report's Jinja2 templates compiled to Python ahead of time (~20 ms of every run that writes
# a report); a build artefact, not committed. natprog checks it against the templates' digests
# and Jinja2's version and reads the templates from source when it is missing or stale.
TEMPLATES := $(wildcard pipeline/templates/*.j2 pipeline/templates/*.css pipeline/templates/*.js)
COMPILED_TEMPLATES := pipeline/templates/compiled/sources.json

$(COMPILED_TEMPLATES): $(TEMPLATES) | $(STAMP)
	$(BIN)/python -m natprog.emit.templating

# The spelling check's place names and word frequencies, built from their word lists once
# (pipeline/spelling/ready.py; ~50 ms of every run otherwise); a build artefact, stamped with
# its sources, and ignored by natprog when they changed since.
READY_TABLES := pipeline/data/ready/spelling.marshal

$(READY_TABLES): pipeline/data/hunspell/bg_BG.dic pipeline/data/settlements_bg.txt pipeline/spelling/vocabulary.py pipeline/spelling/affixes.py pipeline/spelling/ready.py pipeline/spelling/ready_build.py | $(STAMP)
	$(BIN)/python -m natprog.spelling.ready_build

outputs/summary.json: $(STAMP) $(COMPILED_TEMPLATES) $(READY_TABLES) $(SOURCES) $(INPUTS_LISTING)
	$(BIN)/python -m compileall -q pipeline
	$(NATPROG) batch inputs -o outputs --prune

$(INPUTS_LISTING):
	$(PYTHON) tools/list_inputs.py inputs $@

# `make db`: every draft in inputs/ in one SQLite database, outputs/programmes.sqlite (see the
# README, *The dataset*). `natprog db` itself skips the drafts it loaded unchanged and reloads a
# changed one only (and drops the programmes of drafts no longer there); the listing above tells
# make that a draft changed. The stamp is touched only when every draft loaded, so a failed run
# is retried (the database itself is written to even then); a deleted database is rebuilt.
db: $(DATABASE_STAMP)

$(DATABASE_STAMP): $(STAMP) $(SOURCES) $(INPUTS_LISTING) $(if $(wildcard $(DATABASE)),,FORCE)
	$(NATPROG) db inputs -o $(DATABASE)
	touch $@

FORCE:

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m compileall -q pipeline
	$(BIN)/python -m natprog.emit.templating
	$(BIN)/python -m natprog.spelling.ready_build
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The everyday suite, in parallel (pytest-xdist); tests marked `slow` are left to `make test-slow`,
# which CI runs after it.
test: $(TEST_STAMP) $(COMPILED_TEMPLATES) $(READY_TABLES)
	$(BIN)/python -m pytest -q -n auto -m "not slow"

test-slow: $(TEST_STAMP) $(COMPILED_TEMPLATES) $(READY_TABLES)
	$(BIN)/python -m pytest -q -n auto -m slow

# The peer corpus (../shared/peer-corpus: 311 test files of pandoc, pdfplumber, python-docx and
# mammoth), every file through `extract` and `check --text-only` against
# tests/peer_corpus_expected.csv; part of test-slow, here on its own.
corpus: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -n auto -m slow tests/test_peer_corpus.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint test

# Speed and memory against the targets in the README; writes the table there and into
# benchmarks/results.md. Slow (about a minute or two) and machine-dependent: not part of `test`.
bench: $(STAMP) $(COMPILED_TEMPLATES) $(READY_TABLES)
	$(BIN)/python -m compileall -q pipeline
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench_ocr.py
	$(BIN)/python benchmarks/bench_dataset.py

# PDF reading at 1×, 8× and 32× the 2012 PDF (608 pages) beside pdfplumber; a few minutes.
bench-pdf: $(STAMP) $(COMPILED_TEMPLATES) $(READY_TABLES)
	$(BIN)/python -m compileall -q pipeline
	$(BIN)/python benchmarks/pdf_scale.py

# Per-stage timings of the 2012 draft and a cProfile of the slowest stage, in profile/.
profile: $(STAMP)
	$(BIN)/python benchmarks/profile_stages.py

clean:
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .hypothesis pipeline/templates/compiled pipeline/data/ready
