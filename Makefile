# natprog — `make` turns every draft in inputs/ into outputs/<stem>-<ext>/; `make test` runs the tests.
# Both create .venv on first use; nothing is installed by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NATPROG := $(BIN)/natprog
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

SOURCES := $(shell find pipeline -type f \( -name '*.py' -o -name '*.csv' -o -name '*.json' -o -name '*.html' -o -name '*.j2' -o -name '*.css' -o -name '*.js' -o -name '*.txt' -o -name '*.aff' -o -name '*.dic' \)) abbreviations.csv $(wildcard natprog.toml)
# The drafts make can name (names with spaces are dropped here; the `inputs` folder itself is a
# prerequisite, so adding or removing any draft still triggers a run, and batch's cache decides).
DRAFTS := $(wildcard $(wildcard inputs/*))

.PHONY: all db test test-slow check lint format bench profile clean distclean
.DEFAULT_GOAL := all

# `natprog batch` is the incremental build: it skips a draft whose bytes, natprog (version and
# code), options, natprog.toml and abbreviations.csv are all unchanged (a content-hash cache
# beside each draft's outputs), runs the others in parallel, and copes with any file name.
# One recipe writes outputs/, so `make -j2` is safe.
all: outputs/summary.json

outputs/summary.json: $(STAMP) $(SOURCES) inputs $(DRAFTS)
	$(BIN)/python -m compileall -q pipeline
	$(NATPROG) batch inputs -o outputs

# `make db`: every draft in inputs/ in one SQLite database, outputs/programmes.sqlite (see the
# README, *The dataset*). `natprog db` itself skips the drafts it loaded unchanged and reloads a
# changed one only; the touch keeps make quiet when nothing was loaded (SQLite leaves the file's
# time alone then).
DATABASE := outputs/programmes.sqlite

db: $(DATABASE)

$(DATABASE): $(STAMP) $(SOURCES) inputs $(DRAFTS)
	$(NATPROG) db inputs -o $@
	touch $@

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m compileall -q pipeline
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The everyday suite, in parallel (pytest-xdist); tests marked `slow` are left to `make test-slow`,
# which CI runs after it.
test: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -n auto -m "not slow"

test-slow: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -n auto -m slow

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint test

# Speed and memory against the targets in the README; writes the table there and into
# benchmarks/results.md. Slow (about a minute or two) and machine-dependent: not part of `test`.
bench: $(STAMP)
	$(BIN)/python -m compileall -q pipeline
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench_dataset.py

# Per-stage timings of the 2012 draft and a cProfile of the slowest stage, in profile/.
profile: $(STAMP)
	$(BIN)/python benchmarks/profile_stages.py

clean:
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .hypothesis
