# LDN Assistant. The two commands that matter:
#   make run    set up, build, train if anything changed, and serve
#   make test   everything, failing loudly
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

VENV   := .venv
PY     := $(VENV)/bin/python
RASA   := source scripts/env.sh && $(VENV)/bin/rasa
SPACY  := build/spacy/en_ldn
MODEL  := models/ldn.tar.gz
# The domain is every domain file under data/ (LDN_DOMAIN in scripts/env.sh, ldn/domain.py).
TRAINING_INPUTS := config.yml $(shell find data -name '*.yml' ! -name topic.yml) \
                   $(SPACY)/meta.json $(wildcard ldn/nlu/*.py) ldn/rules.yml ldn/conditions.yml ldn/language.py ldn/vocabulary.py

# Targets that `run` and `test` also need; mk/*.mk files add to these.
RUN_DEPS  := $(MODEL)
TEST_DEPS := $(MODEL)

.PHONY: help setup spacy train run test eval validate lock clean
help:
	@echo "make run    - set up, build, train if needed, and serve (REST :5005, widget :8080)"
	@echo "make test   - validate data, pytest against a real server, rasa test, held-out check"
	@echo "make eval   - held-out figures for our config and Rasa's stock config side by side"
	@echo "              (ARGS=--train also times training both from scratch; ARGS=--show-failures)"
	@echo "make train  - train only if data, config or domain changed"

setup: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements.lock
	@python_bin=$$(scripts/find_python.sh) && \
	  { [ -x $(PY) ] && $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' || $$python_bin -m venv --clear $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements.lock
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

lock: $(VENV)/.installed
	{ echo "# Every package of .venv, exact versions (pip freeze). Regenerate: make lock"; \
	  $(PY) -m pip freeze --exclude pip --exclude setuptools; } > requirements.lock

include $(wildcard mk/*.mk)

run: $(RUN_DEPS)
	scripts/serve.sh

test: $(TEST_DEPS)
	scripts/test.sh

eval: $(MODEL)
	source scripts/env.sh && $(PY) -m scripts.evaluate $(ARGS)

clean:
	rm -rf build models/*.tar.gz tests/artifacts .pytest_cache
