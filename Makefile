# 产改通 — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export CHANGAI_DEBUG ?= 1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install assets migrate demo lint typecheck check browser-test ci lock clean bench

run: install assets migrate demo ## install, build, migrate, load the demo, start web + worker
	@bash scripts/install_bulletin_fonts.sh || true
	@bash scripts/run.sh $(HOST) $(PORT)

test: install assets ## the whole suite (SQLite unless DATABASE_URL is set)
	$(PY) -m pytest -q -n 2 -m "not browser"

install: $(VENV)/.installed node_modules/.installed .env

.env:  ## a development checkout runs in debug mode (git-ignored; deployments set real variables)
	@printf '# written by make install for this development checkout (git-ignored)\nCHANGAI_DEBUG=1\n' > $@

$(VENV)/.installed: requirements/lock.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "产改通需要 Python 3.11 或更新版本"'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements/lock.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: static/vendor/.built

static/vendor/.built: node_modules/.installed scripts/build_assets.mjs
	node scripts/build_assets.mjs
	@touch $@

migrate: install
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py load_demo

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

browser-test: install assets
	$(PY) -m pytest -q -m browser -p no:xdist

ci: ## what CI runs (see .ci/run)
	bash .ci/run

lock: ## re-pin requirements/lock.txt from requirements/dev.txt in a scratch venv
	rm -rf /tmp/changai-lock && $(PYTHON) -m venv /tmp/changai-lock
	/tmp/changai-lock/bin/pip install -q -r requirements/dev.txt
	(echo "# Pinned set of base.txt + dev.txt, installed by make. Regenerate with: make lock"; \
	 /tmp/changai-lock/bin/pip freeze --exclude-editable) > requirements/lock.txt

bench: install ## scale targets against same-run baselines on PostgreSQL (BENCH_PERSONS, default 100000): var/bench/latest.json
	$(PY) -m changai.bench

clean:
	rm -rf $(VENV) node_modules static/vendor var
