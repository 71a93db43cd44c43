#!/usr/bin/env bash
# Run the test suite: prepare the machine if needed (chromium, PostgreSQL, dev requirements),
# then pytest from the repo root. Extra arguments go to pytest, e.g.
#   bash scripts/test.sh -q                     everything
#   bash scripts/test.sh -m "not browser"       skip the browser tests
#   bash scripts/test.sh tests/test_db_layer.py
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh test
exec "$ROOT/.venv/bin/python" -m pytest "$@"
