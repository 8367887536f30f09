# The two commands for a fresh machine are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg

.PHONY: demo test install install-test docs golden clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## demo: install kg and run the main job on the bundled example (writes exports/hotton/)
demo: install
	$(KG) build examples/hotton --out exports/hotton

## test: install the test dependencies and run the whole test suite
test: install-test
	$(PY) -m pytest

## docs: regenerate the generated parts of docs/ from the code
docs: install
	$(PY) -m kg.docs

## golden: regenerate the golden export files (only on purpose; review the diff)
golden: install
	$(PY) -m tests.regenerate_golden

clean:
	rm -rf $(VENV) exports .pytest_cache
