# The newsroom's everyday commands. `make run` and `make test` are all a new machine needs.
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# Seconds between two runs of the expiry notices (manage.py send_due_notifications).
NOTIFY_EVERY ?= 300

# The first interpreter that is Python 3.12 or newer.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: run serve test setup lint format bench bench-search clean messages

run: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py loadseeds
	$(PY) manage.py ensure_demo_admin
	@# The task worker (imports, e-mails), the clock of expiry notices and the alerts' timer (newly
	@# live articles, digests) run beside the web server; Ctrl-C stops all four.
	@trap 'kill $$worker $$clock $$alerts 2>/dev/null; wait $$worker $$clock $$alerts' INT TERM EXIT; \
	$(PY) manage.py db_worker & worker=$$!; \
	$(PY) manage.py send_due_notifications --every $(NOTIFY_EVERY) & clock=$$!; \
	$(PY) manage.py send_alerts --every 60 & alerts=$$!; \
	$(PY) manage.py runserver $(HOST)

# Production serving on this machine: gunicorn (workers from the CPU count), the task worker, the clock
# of expiry notices and the alerts' timer, with the settings of the environment (DEBUG is off unless
# set; see the README's "Production").
WORKERS ?= $(shell echo $$(( $$(nproc) * 2 + 1 )))
serve: $(VENV)/.installed
	DEBUG=$${DEBUG:-false} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-false} $(PY) manage.py collectstatic --no-input -v0
	@trap 'kill 0' INT TERM; \
	export DEBUG=$${DEBUG:-false} SERVE_MEDIA=$${SERVE_MEDIA:-true}; \
	$(PY) manage.py db_worker & \
	$(PY) manage.py send_due_notifications --every $(NOTIFY_EVERY) & \
	$(PY) manage.py send_alerts --every 60 & \
	$(VENV)/bin/gunicorn config.wsgi --bind $(HOST) --workers $(WORKERS) --no-control-socket --access-logfile - & \
	wait

test: $(VENV)/.installed-dev node_modules/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# The public pages under load from wrk, served by gunicorn with production settings, against a
# floor, with the page cache off and on; 10,000 articles on PostgreSQL, or `make bench BENCH_DB=sqlite`
# (see benchmarks/run.py). Search and the admin's article list with 100,000 articles: `make bench-search`.
BENCH_DB ?= postgres
BENCH_SETTINGS ?= config.settings

bench: $(VENV)/.installed
	@command -v wrk >/dev/null 2>&1 || apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
	DJANGO_SETTINGS_MODULE=$(BENCH_SETTINGS) $(PY) -m benchmarks.run --db $(BENCH_DB) $(BENCH_ARGS)

bench-search: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=$(BENCH_SETTINGS) $(PY) -m benchmarks.search $(BENCH_ARGS)

setup: $(VENV)/.installed

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (Django 6.1 requires it). Install it and run make again."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The tests' and linters' packages, on top of the runtime ones; `make run` never installs them.
$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Refresh the French and Russian catalogues from the marked strings, then compile them. The
# compiled .mo files are committed, so a fresh clone needs no gettext; translate new msgids first.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l fr -l ru --no-location --ignore=.venv --ignore=node_modules --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

# axe-core for the browser tests' audits. Without npm the audits skip (and say so) rather than
# stopping the rest of the suite; CI installs npm's packages itself and fails if they are missing.
node_modules/.installed: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the browser tests' axe-core audits will be skipped."; fi

clean:
	rm -rf $(VENV) staticfiles node_modules
