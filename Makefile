# Vestnik — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_ENV := DJANGO_SETTINGS_MODULE=vestnik.settings.dev

.PHONY: demo serve worker test test-sqlite test-postgres lint install clean screenshots messages bench

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

demo: install
	mkdir -p var
	$(DEMO_ENV) $(PY) manage.py migrate --noinput -v0
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(DEMO_ENV) $(PY) manage.py load_demo --port $(PORT)
	$(DEMO_ENV) $(PY) manage.py rebuild_search_index --stale
	@echo "Serving Vestnik on http://127.0.0.1:$(PORT)/ (admin at /admin/). Ctrl-C stops it."
	$(DEMO_ENV) $(PY) manage.py runserver --noreload --nostatic 127.0.0.1:$(PORT)

# Production server: gunicorn with the production settings (SECRET_KEY and the other
# variables from the environment, docs/deploy.md); a worker per core plus one unless WEB_CONCURRENCY,
# and the background-task worker beside it (stopped with the server).
serve: install
	DJANGO_SETTINGS_MODULE=vestnik.settings.production $(PY) manage.py collectstatic --noinput -v0
	export DJANGO_SETTINGS_MODULE=vestnik.settings.production; \
	$(PY) manage.py worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py

# The background-task worker alone (production settings), e.g. on a second machine.
worker: install
	DJANGO_SETTINGS_MODULE=vestnik.settings.production $(PY) manage.py worker

# The whole suite on SQLite and, when VESTNIK_TEST_DATABASE_URL is set, again on PostgreSQL.
# The two passes run side by side (pytest uses one core each); the PostgreSQL pass writes to
# var/test-postgres.log, printed when both are done. Either failing fails the target.
test: install
	@mkdir -p var
	@if [ -n "$$VESTNIK_TEST_DATABASE_URL" ]; then \
		echo "== the suite on SQLite, and at the same time on PostgreSQL ($$VESTNIK_TEST_DATABASE_URL): its report follows =="; \
		VESTNIK_TEST_ON_POSTGRES=1 $(PY) -m pytest -p no:cacheprovider --basetemp=var/pytest-postgres \
			> var/test-postgres.log 2>&1 & postgres=$$!; \
		$(PY) -m pytest; sqlite=$$?; \
		wait $$postgres; pg=$$?; \
		echo "== the same suite on PostgreSQL ($$VESTNIK_TEST_DATABASE_URL) =="; \
		cat var/test-postgres.log; \
		echo "== SQLite pass: exit $$sqlite; PostgreSQL pass: exit $$pg (0 is success) =="; \
		[ $$sqlite -eq 0 ] && [ $$pg -eq 0 ]; \
	else \
		$(PY) -m pytest; sqlite=$$?; \
		echo "== SKIPPED: the PostgreSQL run (set VESTNIK_TEST_DATABASE_URL to run it) =="; \
		exit $$sqlite; \
	fi

lint: install
	$(PY) -m ruff check vestnik tests tools conftest.py
	$(PY) -m ruff format --check vestnik tests tools conftest.py

# Screenshots of the demo site's pages into docs/screenshots/ (needs /usr/bin/chromium).
screenshots: install
	$(PY) tools/screenshots.py --port $(PORT)

# Recompile the committed translations after editing vestnik/locale/*/LC_MESSAGES/django.po.
messages: install
	cd vestnik && DJANGO_SETTINGS_MODULE=vestnik.settings.dev ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) var

# Speed at scale (not part of `make test`): prints a table, writes var/bench/results.json.
bench: install
	$(PY) bench/run.py
