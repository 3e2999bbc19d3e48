# Retoucherie: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MANAGE := $(PY) manage.py
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test bootstrap lint format policy-report bench migrate seed messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

bootstrap: $(STAMP)
	$(MANAGE) compile_translations

run: bootstrap
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

# Two workers: the machine has two cores and most of the suite's time is Python seeding pages.
PYTEST_WORKERS ?= 2

# The one suite run also writes the privacy-policy report (var/policy-report.txt) and fails
# when a clause of docs/policy-proven.txt is no longer proven (tests/policy_plugin.py).
POLICY_OPTIONS := --policy-report=var/policy-report.txt --policy-ratchet=docs/policy-proven.txt

test: bootstrap
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(POLICY_OPTIONS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat

policy-report: bootstrap
	$(PY) tools/policy_report.py -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

bench: bootstrap
	$(PY) tests/benchmarks/run.py

# Regenerate the English catalogue after changing strings (needs GNU gettext's xgettext).
messages: $(STAMP)
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=var --no-obsolete

clean:
	rm -rf $(VENV) var .pytest_cache
