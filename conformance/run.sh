#!/usr/bin/env bash
# SDK conformance: Python (openai 3.54.0, pytest) and Node (openai 7.57.0, node --test) against a real kino.
# Env: KINO_BIN (default target/debug/kino), KINO_CONFORMANCE_OUT (where produced media files go),
# KINO_CONFORMANCE_SETUP_DONE=1 when conformance/setup.sh has already run (as under .ci/run).
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

if [[ ${KINO_CONFORMANCE_SETUP_DONE:-} != 1 ]]; then
  echo "== conformance setup (python venv, npm ci)"
  bash "$here/setup.sh"
fi

# The two suites each start their own server on a free port with its own data dir: they run
# side by side (most of their time is spent waiting on renders), and their logs are printed
# one after the other so that each reads as a whole.
logs=$(mktemp -d -t kino-conf-logs-XXXXXX)
suite() {
  local name=$1 dir=$2 start=$SECONDS rc=0
  shift 2
  (cd "$dir" && "$@") >"$logs/$name.log" 2>&1 || rc=$?
  echo "$name suite took $((SECONDS - start))s" >>"$logs/$name.log"
  return $rc
}
echo "== python and node SDK suites (side by side)"
suite python "$here/python" .venv/bin/python -m pytest -q &
py=$!
suite node "$here/node" node --test --test-reporter=spec &
node=$!
rc=0
wait $py || rc=1
wait $node || rc=1
echo "== python SDK suite"
cat "$logs/python.log"
echo "== node SDK suite"
cat "$logs/node.log"
rm -rf "$logs"

echo "media files are in $KINO_CONFORMANCE_OUT"
exit $rc
