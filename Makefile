# Retoucherie: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MANAGE := $(PY) manage.py
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test bootstrap lint format policy-report bench migrate seed messages clean lock

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file changes. Every package, pip included, comes from
# requirements.lock at the version CI tested, checked against its hashes. The project itself
# is not installed: it runs from its checkout (pyproject.toml has no packages).
$(STAMP): requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

# Regenerate requirements.lock from pyproject.toml after changing a dependency. Existing pins
# are kept; `make lock LOCK_ARGS=--upgrade` (or `--upgrade-package pillow`) raises them.
LOCK_ARGS ?=
lock: $(STAMP)
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev \
		--strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) \
		-o requirements.lock pyproject.toml

bootstrap: $(STAMP)
	$(MANAGE) compile_translations

# `make run PORT=8001` serves elsewhere; links in pages and e-mails follow (SITE_URL).
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)

run: bootstrap
	mkdir -p var
	$(MANAGE) migrate --noinput
	SITE_URL=$(SITE_URL) $(MANAGE) seed_demo
	SITE_URL=$(SITE_URL) $(MANAGE) runserver 127.0.0.1:$(PORT)

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
	$(VENV)/bin/lint-imports

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
