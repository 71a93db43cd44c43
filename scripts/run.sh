#!/usr/bin/env bash
# Start the dashboard: prepare the machine if needed, build the national demo data into the
# embedded default database on its first start (with progress here in the terminal; a database
# named by DATABASE_URL is left as it is), then run Streamlit from the repo root.
# Extra arguments go to `streamlit run`, e.g. `bash scripts/run.sh --server.port 8502`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh app
"$ROOT/.venv/bin/python" -m data_access.demo --first-start
# The server's environment (scripts/server.env), where not set already.
while IFS='=' read -r name value; do
    if [ -z "${!name:-}" ]; then export "$name=$value"; fi
done < <(grep -E '^[A-Z_]+=' scripts/server.env)
exec "$ROOT/.venv/bin/streamlit" run app.py "$@"
