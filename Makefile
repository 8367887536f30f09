# The two commands for a fresh machine are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg

LINT := tools/cypher-lint
NEO4J_IF_SET = $(if $(NEO4J_URI),$(KG) load examples/hotton,@echo "Set NEO4J_URI (and NEO4J_PASSWORD) to also load the example into Neo4j: see docs/neo4j.md")

.PHONY: demo test fuzz install install-test neo4j-jars neo4j docs docs-figures golden screenshots bench bench-validity clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Neo4j's Cypher linter runs under node; install node and npm from Debian when missing.
$(LINT)/node_modules/.installed: $(LINT)/package-lock.json
	command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq nodejs npm)
	npm ci --prefix $(LINT) --no-audit --no-fund --loglevel=error
	touch $@

# The browser tests drive Debian's chromium with Playwright (no browser download).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	apt-get update -qq && apt-get install -y -qq chromium

# A real Neo4j Community server for the tests and benchmarks: its jars come from Maven Central
# (tools/neo4j/pom.xml pins the version) into ~/.cache/kg; Java 17 and Maven from Debian when missing.
neo4j-jars: $(VENV)/.installed-test
	command -v java >/dev/null && command -v mvn >/dev/null || (apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless maven)
	$(PY) -m tests.neo4j_server fetch

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test $(LINT)/node_modules/.installed $(CHROMIUM) neo4j-jars

## neo4j: run the same Neo4j Community server locally, without Docker, at bolt://127.0.0.1:7687
## (data kept in .neo4j/; its neo4j user gets NEO4J_PASSWORD, at least 8 characters); Ctrl-C stops it
neo4j: neo4j-jars
	$(PY) -m tests.neo4j_server serve .neo4j

## demo: install kg and run the main job on the bundled example (writes exports/hotton/ and its
## analysis in exports/hotton/analysis/; also loads it into Neo4j when NEO4J_URI is set)
demo: install
	$(KG) build examples/hotton --out exports/hotton
	$(KG) analyze exports/hotton --out exports/hotton/analysis
	$(KG) view exports/hotton --out exports/hotton/view.html
	$(KG) view exports/hotton --incidents --out exports/hotton/view-incidents.html
	$(NEO4J_IF_SET)

## test: install the test dependencies and run the whole test suite
test: install-test
	$(PY) -m pytest

## fuzz: the fuzz tests with 10,000 generated inputs per reader (the suite runs 1,000)
fuzz: install-test
	KG_FUZZ_EXAMPLES=10000 $(PY) -m pytest tests/test_fuzz.py

## docs: regenerate the generated parts of docs/ from the code
docs: install
	$(PY) -m kg.docs

## docs-figures: recompute the figures docs/analysis.md quotes (Hotton, and the whole Chicago
## extract when ../shared/data is there; about five minutes), then regenerate the docs
docs-figures: install
	$(PY) -m benchmarks.spread_figures
	$(PY) -m kg.docs

## screenshots: render every page of the demo in headless Chromium into docs/img/ (only on purpose)
screenshots: install-test
	$(PY) -m tests.screenshots

## golden: regenerate the golden export files (only on purpose; review the diff)
golden: install
	$(PY) -m tests.regenerate_golden

## bench: the benchmarks (Neo4j loading on a real Neo4j started here; the HTML view in Chromium;
## the pipeline on the Chicago records against a networkx baseline)
bench: install-test
	$(PY) -m benchmarks.bench_load
	$(PY) -m benchmarks.bench_load_chicago
	$(PY) -m benchmarks.bench_readers
	$(PY) -m benchmarks.bench_counted
	$(PY) -m benchmarks.bench_view
	$(PY) -m benchmarks.bench_pipeline
	$(PY) -m benchmarks.bench_chats

## bench-validity: every spread test on every simulated scenario, 100 replicates each (about five
## minutes); writes benchmarks/results/validity.json, which `make docs` turns into the table in
## docs/analysis.md
bench-validity: install
	$(PY) -m benchmarks.bench_validity
	$(PY) -m kg.docs

clean:
	rm -rf $(VENV) exports .pytest_cache $(LINT)/node_modules
