#!/usr/bin/env bash
# Run the lint and the tests (sets .venv up first when needed).  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-run
.venv/bin/ruff check $(ls -d src tests eval bench 2>/dev/null)
.venv/bin/python -m pytest "$@"
