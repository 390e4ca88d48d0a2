# Two commands do all set-up on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A DuckDB 1.x reader, to prove the database file opens in the previous storage format.
DUCKDB1 := .venv-duckdb1
DUCKDB1_VERSION := 1.1.3

.PHONY: build test validate benchmark benchmark-scale release screenshot lock clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/cooperation build

validate: $(STAMP)
	$(BIN)/cooperation validate

$(DUCKDB1)/.installed:
	$(PYTHON) -m venv $(DUCKDB1)
	$(DUCKDB1)/bin/pip install --quiet --disable-pip-version-check duckdb==$(DUCKDB1_VERSION)
	touch $@

# The database file is build output (not committed); write it from the committed package without
# regenerating data/, so the staleness test still sees the committed files.
test: $(STAMP) $(DUCKDB1)/.installed
	$(BIN)/cooperation database
	$(BIN)/python -m pytest

benchmark: $(STAMP)
	$(BIN)/cooperation benchmark

# Every stage on synthetic national corpora of 10k, 100k and 1M provisions (about 10 minutes and
# 3 GB of temporary disk here), recorded in docs/performance.md and docs/scale-benchmark.json.
benchmark-scale: $(STAMP)
	$(BIN)/cooperation benchmark --scale 10000 100000 1000000 --record

# dist/<name>-<version>.zip from the committed package (refuses if generated files are stale).
release: $(STAMP)
	$(BIN)/cooperation release

# The README's screenshots of the explorer (docs/explorer-*.png), taken in headless Chromium
# (apt-get install chromium chromium-driver). Not part of build: a browser's pixels differ from one
# machine to the next. A test says when they no longer show the site as built.
screenshot: $(STAMP)
	$(BIN)/cooperation screenshot

# Re-pin every dependency (direct and transitive) after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -e '.[test,cli]'
	.lock-venv/bin/pip freeze --exclude-editable | LC_ALL=C sort > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) $(DUCKDB1) build *.egg-info src/*.egg-info
