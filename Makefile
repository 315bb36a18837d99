.DEFAULT_GOAL := help
PY := .venv/bin/python

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "} {printf "  make %-12s %s\n", $$1, $$2}'

run: ## Install, migrate, load demo content and serve at http://127.0.0.1:8000 (SQLite)
	bash scripts/run.sh

test: ## Install and run check, makemigrations --check, ruff and the tests (SQLite; PostgreSQL too with TEST_DATABASE_URL)
	bash scripts/test.sh

install: ## Create .venv and install the pinned development requirements
	bash scripts/bootstrap.sh requirements-dev.txt

messages: ## Compile the admin's Chinese (locale/*.po → .mo; installs gettext as root when missing)
	bash scripts/compile_messages.sh

demo: ## Load (or refresh) the demo content
	$(PY) manage.py load_demo

lint: ## Ruff lint and format check
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format: ## Format the code with ruff
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

migrations: ## Make migrations for every app
	$(PY) manage.py makemigrations

.PHONY: help run test install messages demo lint format migrations
