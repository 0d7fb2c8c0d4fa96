#!/usr/bin/env bash
# Browser end-to-end test of the participant pages and the HR pages.
#
# Builds tandem, starts it on a free loopback port with a fresh database and
# a random admin token, runs e2e/form.test.mjs and e2e/hr.test.mjs, one after
# the other (node:test + playwright-core driving Debian's chromium +
# axe-core) against it, stops the server and exits with the tests' status. Runnable from any directory; needs go, node
# (>= 20), npm and /usr/bin/chromium (or $CHROMIUM).
#
#   bash e2e/run.sh                 # screenshots land in e2e/output/
#   TANDEM_BIN=./tandem bash e2e/run.sh   # test a binary built already
#   E2E_VERBOSE=1 bash e2e/run.sh   # also print axe counts and the keyboard path
#   E2E_TESTS=hr.test.mjs bash e2e/run.sh   # one file only
#
set -euo pipefail

e2e="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$e2e/.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"

log() { printf 'e2e: %s\n' "$*" >&2; }
# shellcheck source=lib.sh
source "$e2e/lib.sh"

if [[ ! -x "$chromium" ]]; then
	log "no Chromium at $chromium (.ci/run installs Debian's package chromium; or set CHROMIUM)"
	exit 2
fi
if [[ ! -d "$e2e/node_modules/playwright-core" || ! -d "$e2e/node_modules/axe-core" ]]; then
	log "installing playwright-core and axe-core (npm ci)"
	(cd "$e2e" && npm ci --no-audit --no-fund </dev/null)
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/tandem-e2e.XXXXXX")"
pid=""
cleanup() {
	local status=$?
	stop_pid "$pid" tandem
	rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bin="$tmp/tandem"
if [[ -n "${TANDEM_BIN:-}" ]]; then
	bin="$TANDEM_BIN" # a binary built already, e.g. by an earlier CI step
	log "using $bin"
else
	log "building tandem"
	(cd "$root" && go build -o "$bin" ./cmd/tandem)
fi

# 32 random hex characters.
token="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"

free_port() {
	node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

ready() {
	curl -fsS -o /dev/null --max-time 2 "$1/readyz" 2>/dev/null
}

# A port found free can be taken before the server binds it: try a few.
url=""
for attempt in 1 2 3; do
	port="$(free_port)"
	url="http://127.0.0.1:$port"
	log "starting tandem on $url (attempt $attempt)"
	TANDEM_ADMIN_TOKEN="$token" "$bin" serve --addr "127.0.0.1:$port" --db "$tmp/e2e.duckdb" \
		</dev/null >"$tmp/server.log" 2>&1 &
	pid=$!
	for _ in $(seq 1 600); do # up to 60 s: the first DuckDB open can be slow on a busy machine
		if ready "$url"; then break; fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null && ready "$url"; then
		break
	fi
	log "server did not become ready; its log:"
	sed 's/^/  | /' "$tmp/server.log" >&2 || true
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	pid=""
	rm -f "$tmp"/e2e.duckdb*
	if [[ $attempt == 3 ]]; then
		exit 1
	fi
done

mkdir -p "$e2e/output"
set +e
(cd "$e2e" && TANDEM_URL="$url" TANDEM_ADMIN_TOKEN="$token" CHROMIUM="$chromium" \
	E2E_OUTPUT="$e2e/output" node --test --test-reporter=spec --test-concurrency=1 ${E2E_TESTS:-form.test.mjs hr.test.mjs} </dev/null)
status=$?
set -e
if [[ $status != 0 ]]; then
	log "tests failed (status $status); last lines of the server log:"
	tail -n 40 "$tmp/server.log" | sed 's/^/  | /' >&2 || true
fi
exit "$status"
