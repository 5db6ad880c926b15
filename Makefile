# The two commands (see README.md):
#   make analysis   set up .venv if needed, analyse data/raw/, write data/processed/ and its figures/
#   make test       set up .venv with the dev extras if needed, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: analysis test lab clean-venv

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "discourse-toolkit needs Python 3.11 or newer; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall when the project's metadata changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

analysis: $(VENV)/.installed
	$(PY) -m toolkit analyze data/raw --out data/processed --figures data/processed/figures \
		--human-coding data/annotations/alimov_sco_interview.topics.csv

test: $(VENV)/.installed-dev
	$(PY) -m pytest

lab: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[notebooks]"
	$(VENV)/bin/jupyter lab notebooks/

clean-venv:
	rm -rf $(VENV)
