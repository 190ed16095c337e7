# natprog — `make` turns every draft in inputs/ into outputs/<stem>-<ext>/; `make test` runs the tests.
# Both create .venv on first use; nothing is installed by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NATPROG := $(BIN)/natprog
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

INPUTS := $(wildcard inputs/*.docx inputs/*.pdf inputs/*.txt inputs/*.odt inputs/*.doc)
# np2012-draft.docx -> outputs/np2012-draft-docx/np2012-draft.json
out_dir = outputs/$(basename $(notdir $(1)))-$(subst .,,$(suffix $(1)))
TARGETS := $(foreach f,$(INPUTS),$(call out_dir,$(f))/$(basename $(notdir $(f))).json)
SOURCES := $(shell find pipeline -type f \( -name '*.py' -o -name '*.csv' -o -name '*.json' -o -name '*.html' -o -name '*.j2' -o -name '*.css' -o -name '*.js' -o -name '*.txt' -o -name '*.aff' -o -name '*.dic' \)) abbreviations.csv $(wildcard natprog.toml)

.PHONY: all test check lint format bench profile clean distclean
.DEFAULT_GOAL := all

all: $(TARGETS)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# One rule per input; each writes into its own folder, so `make -j2` is safe.
define EXTRACT_RULE
$(call out_dir,$(1))/$(basename $(notdir $(1))).json: $(1) $(SOURCES) | $(STAMP)
	$(NATPROG) extract "$(1)" -o "$(call out_dir,$(1))"
endef
$(foreach f,$(INPUTS),$(eval $(call EXTRACT_RULE,$(f))))

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint test

clean:
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .hypothesis
