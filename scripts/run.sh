#!/usr/bin/env bash
# Start the dashboard: prepare the machine if needed, then run Streamlit from the repo root.
# Extra arguments go to `streamlit run`, e.g. `bash scripts/run.sh --server.port 8502`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh app
exec "$ROOT/.venv/bin/streamlit" run app.py "$@"
