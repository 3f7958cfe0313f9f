# Network Coach: the two commands are `make book` and `make test` (see README.md).
# Each creates .venv and installs requirements.txt when missing or changed.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test quick lint clean samples env bench slides

env: $(STAMP)

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/jupytext-config --settings-file $(VENV)/etc/jupyter/labconfig/default_setting_overrides.json set-default-viewer markdown myst >/dev/null
	@touch $(STAMP)

## The main job: build the course site with every notebook executed on the sample data.
book: $(STAMP)
	$(BIN)/python -m netcoach.build_book

## Every test: lint, notebook hygiene, unit and property tests, notebooks, the book, the browser.
test: $(STAMP)
	PYTHON=$(BIN)/python scripts/ensure-test-tools.sh
	$(BIN)/python -m pytest

## Fast loop while developing: everything except the book build and the browser.
quick: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

## Speed and memory: scoring at scale, widget latency, import, book and test times (not part
## of `make test`; see benchmarks/README.md). `make bench BENCH_ARGS=--quick` skips 1M and the book.
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check netcoach tests

samples: $(STAMP)
	$(BIN)/netcoach samples data/samples

## The workshop slides (reveal.js, copied from npm so they work offline):
## _build/slides/workshop.slides.html, from coach/slides/workshop.ipynb. Copy the whole
## _build/slides/ folder to show them elsewhere: the HTML needs the reveal.js/ next to it.
slides: $(STAMP)
	$(BIN)/netcoach slides --out _build/slides

clean:
	rm -rf _build
