#!/usr/bin/env bash
# Installs what the SDK suites need: the Python venv (openai, pytest, playwright) and the Node
# packages (openai). Idempotent; CI runs it in the background while the Rust tests build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/python"
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
cd "$here/node"
npm ci --no-audit --no-fund --loglevel=error
