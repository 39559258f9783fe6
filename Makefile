# One command to set up and build, one to set up and test (see README).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test setup clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'

run: setup
	$(BIN)/kg build

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
	find out -mindepth 1 ! -name .gitkeep -delete
