#!/usr/bin/env bash
# SDK conformance: Python (openai 3.54.0, pytest) and Node (openai 7.57.0, node --test) against a real kino.
# Env: KINO_BIN (default target/debug/kino), KINO_CONFORMANCE_OUT (where produced media files go).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

bin=${KINO_BIN:-target/debug/kino}
[[ $bin = /* ]] || bin=$root/$bin
[[ -x $bin ]] || { echo "conformance: kino binary not found at $bin (build it or set KINO_BIN)" >&2; exit 2; }
export KINO_BIN=$bin
out=${KINO_CONFORMANCE_OUT:-$(mktemp -d -t kino-conf-XXXXXX)}
mkdir -p "$out"
export KINO_CONFORMANCE_OUT=$(cd "$out" && pwd)

echo "== conformance setup (python venv, npm ci)"
cd "$here/python"
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
cd "$here/node"
npm ci --no-audit --no-fund --loglevel=error

rc=0
echo "== python SDK suite"
start=$SECONDS
(cd "$here/python" && .venv/bin/python -m pytest -q) || rc=1
echo "python suite took $((SECONDS - start))s"

echo "== node SDK suite"
start=$SECONDS
(cd "$here/node" && node --test --test-reporter=spec) || rc=1
echo "node suite took $((SECONDS - start))s"

echo "media files are in $KINO_CONFORMANCE_OUT"
exit $rc
