# LDN Assistant. The two commands that matter:
#   make run    set up, build, train if anything changed, and serve
#   make test   everything, failing loudly (lint, then unit tests, then the real stack)
# While working: make lint (seconds), make unit (under a minute, no model).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

VENV   := .venv
PY     := $(VENV)/bin/python
RASA   := source scripts/env.sh && $(PY) -m ldn.rasa_main  # `rasa` (ldn/rasa_main.py)
SPACY  := build/spacy/en_ldn
MODEL  := models/ldn.tar.gz
# The domain is every domain file under data/ (LDN_DOMAIN in scripts/env.sh, ldn/domain.py).
TRAINING_INPUTS := config.yml $(shell find data -name '*.yml' ! -name topic.yml) \
                   $(SPACY)/meta.json $(wildcard ldn/nlu/*.py) ldn/sentence_model.py ldn/rules.yml ldn/conditions.yml ldn/language.py ldn/vocabulary.py

# Targets that `run` and `test` also need; mk/*.mk files add to these.
RUN_DEPS  := $(MODEL)
TEST_DEPS := $(MODEL)

.PHONY: help setup setup-dev spacy train run test lint fix unit eval validate lock clean forget
help:
	@echo "make run    - set up, build, train if needed, and serve (REST :5005, widget :8080)"
	@echo "make test   - lint, unit tests, data validation, then tests against the real server and browser"
	@echo "make lint   - ruff (lint and format check) and mypy; \`make fix\` applies ruff's fixes and format"
	@echo "make unit   - the unit tests only: no model, no server, under a minute"
	@echo "make eval   - held-out figures for our config and Rasa's stock config side by side"
	@echo "              (ARGS=--train also times training both from scratch; ARGS=--show-failures)"
	@echo "make train  - train only if data, config or domain changed"
	@echo "make forget SENDER=... - delete one patient's conversation (phone number or conversation id)"

# Runtime packages (enough for `make run`), then the development tools on top; both
# locked with hashes (`make lock` regenerates the locks from requirements*.txt).
PIP := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
setup: $(VENV)/.installed
$(VENV)/.installed: requirements.lock
	@python_bin=$$(scripts/find_python.sh) && \
	  { [ -x $(PY) ] && $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' || $$python_bin -m venv --clear $(VENV); }
	$(PIP) -r requirements.lock
	touch $@

setup-dev: $(VENV)/.installed-dev
$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(PIP) -r requirements-dev.lock
	touch $@

spacy: $(SPACY)/meta.json
$(SPACY)/meta.json: ldn/conditions.yml ldn/conditions.py ldn/spacy_pipeline.py | $(VENV)/.installed
	source scripts/env.sh && $(PY) -m ldn.spacy_pipeline $(SPACY)

train: $(MODEL)
$(MODEL): $(TRAINING_INPUTS) | $(VENV)/.installed
	$(RASA) train --domain "$$LDN_DOMAIN" --fixed-model-name ldn --out models
	touch $@

validate: $(SPACY)/meta.json | $(VENV)/.installed
	$(RASA) data validate --domain "$$LDN_DOMAIN" --fail-on-warnings

# Versions already locked are kept (scripts/lock.py: pip's own resolution, with hashes).
lock: $(VENV)/.installed
	$(PY) scripts/lock.py requirements.txt requirements.lock
	$(PY) scripts/lock.py requirements-dev.txt requirements-dev.lock --on-top-of requirements.lock

lint: $(VENV)/.installed-dev
	scripts/test.sh lint

fix: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# No model, no training, no server: only what the unit tests read.
unit: $(SPACY)/meta.json $(VENV)/.installed-dev
	scripts/test.sh unit

include $(wildcard mk/*.mk)

run: $(RUN_DEPS)
	scripts/serve.sh

# The cheap lanes run before the model, the widget and the services are built, so a
# lint or unit mistake fails a minute after setup (not after training and npm).
test: $(SPACY)/meta.json $(VENV)/.installed-dev
	scripts/test.sh lint unit
	$(MAKE) --no-print-directory -j2 $(TEST_DEPS)  # training on one core, npm and the widget on the other
	scripts/test.sh validate stack

eval: $(MODEL) $(VENV)/.installed-dev
	source scripts/env.sh && $(PY) -m scripts.evaluate $(ARGS)

forget: | $(VENV)/.installed
	@test -n "$(SENDER)" || { echo "usage: make forget SENDER=+15550100123 (or whatsapp:+..., or a conversation id)"; exit 2; }
	source scripts/env.sh && $(PY) -m scripts.forget "$(SENDER)"

clean:
	rm -rf build models/*.tar.gz tests/artifacts .pytest_cache .mypy_cache .ruff_cache
