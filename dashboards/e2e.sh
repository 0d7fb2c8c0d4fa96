#!/usr/bin/env bash
# End-to-end test of tandem's monitoring against a real Prometheus.
#
# Builds tandem and starts it on a free loopback port with a fresh database;
# starts Prometheus (Debian's package: prometheus + promtool) on another
# loopback port, scraping tandem every second with dashboards/alerts.rules.yml
# loaded; answers a scenario through the admin API and the participant forms
# (21 invited, 20 answered, one link opened but not answered, plus an
# invalid, a duplicate and an unknown-link post); then
#   - checks /metrics shows 21 / 21 / 20 and passes `promtool check metrics`,
#   - evaluates every expression of both dashboards (panel queries and the
#     selectors of the template variables) through Prometheus' HTTP API and
#     fails on any that returns no data,
#   - checks every rule evaluates without error and none fires,
#   - runs `promtool check rules` and `promtool test rules`.
# Both processes are stopped by PID on exit. Installs nothing: .ci/run does.
#
#   bash dashboards/e2e.sh
#   TANDEM_BIN=./tandem bash dashboards/e2e.sh   # test a binary built already
#   METRICS_E2E_VERBOSE=1 bash dashboards/e2e.sh  # print each expression and its series count
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

log() { printf 'metrics-e2e: %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

for tool in go curl jq prometheus promtool; do
	command -v "$tool" >/dev/null 2>&1 ||
		fail "$tool not found (apt-get install -y prometheus jq curl; .ci/run does this)"
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/tandem-metrics.XXXXXX")"
tandem_pid="" prom_pid=""

# shellcheck source=../e2e/lib.sh
source "$root/e2e/lib.sh"
cleanup() {
	local status=$?
	stop_pid "$prom_pid" prometheus
	stop_pid "$tandem_pid" tandem
	if [[ $status != 0 ]]; then
		for f in tandem.log prometheus.log; do
			[[ -s "$tmp/$f" ]] || continue
			log "last lines of $f:"
			tail -n 25 "$tmp/$f" | sed 's/^/  | /' >&2
		done
	fi
	rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A port nobody answers on (a race with another process remains: the
# starts below retry).
free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	fail "no free port found"
}

# wait_for URL PID NAME: until URL answers 2xx, PID lives, 60 s at most.
wait_for() {
	for _ in $(seq 1 600); do
		curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# api METHOD PATH [BODY]: the admin API, JSON in and out.
api() {
	curl -fsS -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
		${3:+--data "$3"} "$url/api/v1$2"
}
# status METHOD URL [curl args]: the HTTP status of a participant request.
status() {
	local method=$1 target=$2
	shift 2
	curl -sS -o /dev/null -w '%{http_code}' -X "$method" "$@" "$target"
}
expect() { [[ "$2" == "$3" ]] || fail "$1: got status $2, want $3"; }

# The scenario: one program, one cohort of 21 (11 mentors, 10 mentees), an
# open final survey closing in two days; 20 answer, the 21st opens the link
# and sends an invalid answer; one sends twice; an unknown link is tried.
scenario() {
	local today start end opens closes people links i
	today="$(date -u +%F)"
	start="$(date -u -d "$today - 30 days" +%F)"
	end="$(date -u -d "$today + 60 days" +%F)"
	opens="$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)"
	closes="$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%SZ)"
	program="$(api POST /programs '{"name":"Monitoring e2e","language":"en","anonymity_threshold":5,"mode":"confidential"}' | jq -r .id)"
	cohort="$(api POST "/programs/$program/cohorts" "{\"name\":\"Round 1\",\"starts_on\":\"$start\",\"ends_on\":\"$end\"}" | jq -r .id)"
	people="$(jq -cn '[range(21) | {name: "Person \(.)", email: "p\(.)@example.com",
		role: (if . % 2 == 0 then "mentor" else "mentee" end), department: "IT", generation: "Gen Z", region: "DE"}]')"
	api POST "/cohorts/$cohort/participants" "$people" >/dev/null
	survey="$(api POST "/cohorts/$cohort/surveys" "{\"phase\":\"final\",\"opens_at\":\"$opens\",\"closes_at\":\"$closes\"}" | jq -r .id)"
	mapfile -t links < <(api POST "/surveys/$survey/invitations" | jq -r '.[].url')
	[[ ${#links[@]} == 21 ]] || fail "got ${#links[@]} invitation links, want 21"
	log "program $program, cohort $cohort, survey $survey: 21 invited"
	for i in $(seq 0 20); do
		expect "open link $i" "$(status GET "${links[$i]}")" 200
		if ((i < 20)); then
			expect "answer $i" "$(status POST "${links[$i]}" --data-urlencode overall_satisfaction=4)" 303
		fi
	done
	expect "invalid answer" "$(status POST "${links[20]}" --data-urlencode overall_satisfaction=9)" 422
	expect "second answer" "$(status POST "${links[0]}" --data-urlencode overall_satisfaction=5)" 409
	expect "unknown link" "$(status GET "$url/s/$(printf 'a%.0s' {1..32})")" 404
	expect "API without token" "$(status GET "$url/api/v1/programs")" 401
	local got
	got="$(api GET "/surveys/$survey" | jq -c '[.invited, .opened, .submitted]')"
	[[ "$got" == "[21,21,20]" ]] || fail "survey counts $got, want [21,21,20]"
	log "answered: 20 of 21 (the API says $got)"
}

# expressions FILE: every PromQL expression of a dashboard, one JSON string
# a line: panel queries, and the selector inside each query variable's
# label_values(...) or query_result(...).
expressions() {
	jq -c '(.. | objects | select(has("expr")) | .expr),
		(.templating.list[] | select(.type == "query") | .query
			| if type == "object" then .query else . end
			| sub("^label_values\\((?<s>.*), *[a-z_]+\\)$"; "\(.s)")
			| sub("^query_result\\((?<s>.*)\\)$"; "\(.s)"))' "$1"
}

# substitute EXPR: Grafana's variables as a viewer who chose this scenario's
# program and cohort would have them.
substitute() {
	local e=$1
	e="${e//\$\{program\}/$program}" e="${e//\$program/$program}"
	e="${e//\$\{cohort\}/$cohort}" e="${e//\$cohort/$cohort}"
	e="${e//\$\{job\}/tandem}" e="${e//\$job/tandem}"
	e="${e//\$\{instance\}/127.0.0.1:$port}" e="${e//\$instance/127.0.0.1:$port}"
	e="${e//\$__rate_interval/1m}" e="${e//\$__interval/15s}" e="${e//\$__range/5m}"
	printf '%s' "$e"
}

check_dashboards() {
	local file raw expr result n total=0 bad=0 nan=0
	for file in "$here"/*.json; do
		while IFS= read -r raw; do
			expr="$(substitute "$(jq -r . <<<"$raw")")"
			total=$((total + 1))
			if [[ "$expr" == *'$'* ]]; then
				log "$(basename "$file"): a variable is left in: $expr"
				bad=$((bad + 1))
				continue
			fi
			if ! result="$(query "$expr")"; then
				log "$(basename "$file"): query failed: $expr"
				bad=$((bad + 1))
				continue
			fi
			n="$(jq length <<<"$result")"
			[[ -z "${METRICS_E2E_VERBOSE:-}" ]] || log "$n series: $expr"
			if [[ "$n" == 0 ]]; then
				log "$(basename "$file"): no data: $expr"
				bad=$((bad + 1))
			elif [[ "$(jq '[.[].value[1] | select(. == "NaN")] | length' <<<"$result")" == "$n" ]]; then
				log "$(basename "$file"): only NaN: $expr"
				nan=$((nan + 1))
			fi
		done < <(expressions "$file")
	done
	log "dashboards: $total expressions, $bad without data, $nan only NaN"
	((bad == 0 && nan == 0)) || fail "dashboard expressions without data"
}

check_rules() {
	local unhealthy alerts
	unhealthy="$(curl -fsS "$prom/api/v1/rules" | jq -r '.data.groups[].rules[] | select(.health != "ok") | "\(.name): \(.health) \(.lastError)"')"
	[[ -z "$unhealthy" ]] || fail "rules that do not evaluate: $unhealthy"
	[[ "$(curl -fsS "$prom/api/v1/rules" | jq '[.data.groups[].rules[]] | length')" == 4 ]] || fail "prometheus did not load the 4 rules"
	alerts="$(curl -fsS "$prom/api/v1/alerts" | jq -r '.data.alerts[] | "\(.labels.alertname) \(.state)"')"
	[[ -z "$alerts" ]] || fail "alerts on a healthy scenario: $alerts"
	log "rules: 4 loaded, all evaluate, none fires"
}

# query EXPR: the JSON result vector of an instant query.
query() {
	curl -fsS --get --data-urlencode "query=$1" "$prom/api/v1/query" | jq -c '.data.result'
}
# await EXPR WANT: until the single value of EXPR is WANT, 30 s at most.
await() {
	local got=""
	for _ in $(seq 1 60); do
		got="$(query "$1" | jq -r '.[0].value[1] // empty')"
		[[ "$got" == "$2" ]] && return 0
		sleep 0.5
	done
	fail "$1: got '${got}', want $2"
}
# sum_of NAME: the sum of the series of NAME in the saved scrape.
sum_of() { awk -v m="$1{" 'index($0, m) == 1 { s += $NF } END { print s + 0 }' "$tmp/scrape.txt"; }

bin="$tmp/tandem"
if [[ -n "${TANDEM_BIN:-}" ]]; then
	bin="$TANDEM_BIN"
else
	log "building tandem"
	(cd "$root" && go build -o "$bin" ./cmd/tandem)
fi
token="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"

for attempt in 1 2 3; do
	port="$(free_port)"
	url="http://127.0.0.1:$port"
	log "starting tandem on $url (attempt $attempt)"
	TANDEM_ADMIN_TOKEN="$token" "$bin" serve --addr "127.0.0.1:$port" --db "$tmp/tandem.duckdb" \
		</dev/null >"$tmp/tandem.log" 2>&1 &
	tandem_pid=$!
	wait_for "$url/readyz" "$tandem_pid" && break
	stop_pid "$tandem_pid" tandem
	tandem_pid=""
	rm -f "$tmp"/tandem.duckdb*
	[[ $attempt == 3 ]] && fail "tandem did not become ready"
done

cat >"$tmp/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $here/alerts.rules.yml
scrape_configs:
  - job_name: tandem
    static_configs:
      - targets: ["127.0.0.1:$port"]
EOF
for attempt in 1 2 3; do
	pport="$(free_port)"
	prom="http://127.0.0.1:$pport"
	log "starting prometheus on $prom (attempt $attempt)"
	prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/tsdb" \
		--web.listen-address="127.0.0.1:$pport" --log.level=warn \
		</dev/null >"$tmp/prometheus.log" 2>&1 &
	prom_pid=$!
	wait_for "$prom/-/ready" "$prom_pid" && break
	stop_pid "$prom_pid" prometheus
	prom_pid=""
	[[ $attempt == 3 ]] && fail "prometheus did not become ready"
done

await 'up{job="tandem"}' 1
log "prometheus scrapes tandem"

scenario

log "waiting for the participation figures (cache TTL 5 s) and a few scrapes"
await 'sum(tandem_survey_invitations{job="tandem"})' 21
await 'sum(tandem_survey_invitations_opened{job="tandem"})' 21
await 'sum(tandem_survey_invitations_submitted{job="tandem"})' 20
sleep 3

curl -fsS "$url/metrics" >"$tmp/scrape.txt"
[[ "$(sum_of tandem_survey_invitations)" == 21 ]] || fail "/metrics: invitations $(sum_of tandem_survey_invitations), want 21"
[[ "$(sum_of tandem_survey_invitations_submitted)" == 20 ]] || fail "/metrics: submitted $(sum_of tandem_survey_invitations_submitted), want 20"
log "/metrics shows 21 invited, 20 answered"
promtool check metrics <"$tmp/scrape.txt" || fail "promtool check metrics"
log "promtool check metrics: ok"

check_dashboards
check_rules

log "promtool check rules / test rules"
promtool check rules "$here/alerts.rules.yml"
(cd "$here" && promtool test rules alerts.test.yml)
log "PASS"
