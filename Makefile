# Two commands do all set-up on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test validate lock clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/cooperation build

validate: $(STAMP)
	$(BIN)/cooperation validate

test: $(STAMP)
	$(BIN)/python -m pytest

# Re-pin every dependency (direct and transitive) after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	.lock-venv/bin/pip freeze --exclude-editable | LC_ALL=C sort > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
