# One command to set up and build, one to set up and test (see README).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test setup browser clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'

run: setup
	$(BIN)/kg build

# The graph page's browser tests drive Debian's Chromium (never a browser that playwright
# downloads); a CJK font makes their screenshots legible. Installed when missing and we may.
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh family 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; \
	  else echo "make: cannot install chromium (not root, no sudo): browser tests will be skipped" >&2; exit 0; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	fi

test: setup browser
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
	find out -mindepth 1 ! -name .gitkeep -delete
