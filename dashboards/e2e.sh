#!/usr/bin/env bash
# End-to-end test of tandem's monitoring against a real Prometheus.
#
# Builds tandem and starts it on a free loopback port with a fresh database
# and a metrics token (TANDEM_METRICS_TOKEN); starts Prometheus (Debian's
# package: prometheus + promtool) on another loopback port with
# dashboards/provisioning/prometheus/prometheus.yml, its paths and port
# filled in: scraping tandem every second with the token from a credentials
# file, dashboards/alerts.rules.yml loaded; checks that /metrics refuses a
# scrape without the token (401) and that Prometheus's target is up; answers
# a scenario through the admin API and the participant forms (23 invited:
# 11 mentors, 10 mentees, 2 peers; 22 answered, one link opened but not
# answered, plus an invalid, a duplicate and an unknown-link post); then
#   - checks /metrics shows 23 / 23 / 22, no role with fewer invitations
#     than the threshold (the 2 peers are folded into role "other"), no
#     program or cohort name, and passes `promtool check metrics`,
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

# The scenario: one program (threshold 5), one cohort of 23 (11 mentors, 10
# mentees, 2 peers), an open final survey closing in two days; 22 answer,
# the 23rd opens the link and sends an invalid answer; one sends twice; an
# unknown link is tried.
scenario() {
	local today start end opens closes people links i
	today="$(date -u +%F)"
	start="$(date -u -d "$today - 30 days" +%F)"
	end="$(date -u -d "$today + 60 days" +%F)"
	opens="$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)"
	closes="$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%SZ)"
	program="$(api POST /programs '{"name":"Monitoring e2e","language":"en","anonymity_threshold":5,"mode":"confidential"}' | jq -r .id)"
	cohort="$(api POST "/programs/$program/cohorts" "{\"name\":\"Round e2e\",\"starts_on\":\"$start\",\"ends_on\":\"$end\"}" | jq -r .id)"
	people="$(jq -cn '[range(23) | {name: "Person \(.)", email: "p\(.)@example.com",
		role: (if . >= 21 then "peer" elif . % 2 == 0 then "mentor" else "mentee" end),
		department: "IT", generation: "Gen Z", region: "DE"}]')"
	api POST "/cohorts/$cohort/participants" "$people" >/dev/null
	survey="$(api POST "/cohorts/$cohort/surveys" "{\"phase\":\"final\",\"opens_at\":\"$opens\",\"closes_at\":\"$closes\"}" | jq -r .id)"
	mapfile -t links < <(api POST "/surveys/$survey/invitations" | jq -r '.[].url')
	[[ ${#links[@]} == 23 ]] || fail "got ${#links[@]} invitation links, want 23"
	log "program $program, cohort $cohort, survey $survey: 23 invited"
	for i in $(seq 0 22); do
		expect "open link $i" "$(status GET "${links[$i]}")" 200
		if ((i < 22)); then
			expect "answer $i" "$(status POST "${links[$i]}" --data-urlencode overall_satisfaction=4)" 303
		fi
	done
	expect "invalid answer" "$(status POST "${links[22]}" --data-urlencode overall_satisfaction=9)" 422
	expect "second answer" "$(status POST "${links[0]}" --data-urlencode overall_satisfaction=5)" 409
	expect "unknown link" "$(status GET "$url/s/$(printf 'a%.0s' {1..32})")" 404
	expect "API without token" "$(status GET "$url/api/v1/programs")" 401
	local got
	got="$(api GET "/surveys/$survey" | jq -c '[.invited, .opened, .submitted]')"
	[[ "$got" == "[23,23,22]" ]] || fail "survey counts $got, want [23,23,22]"
	log "answered: 22 of 23 (the API says $got)"
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

# check_auth: /metrics refuses a scrape without the token or with a wrong
# one (401 and a Bearer challenge); /healthz and /readyz need none; and
# Prometheus, which sends the token, has its target up.
check_auth() {
	local challenge health
	expect "/metrics without a token" "$(status GET "$url/metrics")" 401
	expect "/metrics with a wrong token" "$(status GET "$url/metrics" -H "Authorization: Bearer wrong-$metrics_token")" 401
	expect "/metrics with the token after two spaces" "$(status GET "$url/metrics" -H "Authorization: Bearer  $metrics_token")" 401
	expect "/metrics with the metrics token" "$(status GET "$url/metrics" -H "Authorization: Bearer $metrics_token")" 200
	expect "/metrics with the admin token" "$(status GET "$url/metrics" -H "Authorization: Bearer $token")" 200
	expect "/healthz without a token" "$(status GET "$url/healthz")" 200
	expect "/readyz without a token" "$(status GET "$url/readyz")" 200
	challenge="$(curl -sS -o /dev/null -D - "$url/metrics" | tr -d '\r' | awk -F': ' 'tolower($1) == "www-authenticate" { print $2 }')"
	[[ "$challenge" == Bearer* ]] || fail "/metrics without a token: WWW-Authenticate '$challenge', want a Bearer challenge"
	health="$(curl -fsS "$prom/api/v1/targets" | jq -r '.data.activeTargets[] | select(.labels.job == "tandem") | "\(.health) \(.lastError)"')"
	[[ "$health" == "up " ]] || fail "prometheus's tandem target: '$health', want up without error"
	log "/metrics: 401 without or with a wrong token, 200 with either token; prometheus's target is up"
}

# check_scrape: the saved scrape shows the scenario's counts, no role with
# fewer invitations than the threshold (5), the peers folded into "other"
# with the mentees (12), and no program or cohort name.
check_scrape() {
	local small
	[[ "$(sum_of tandem_survey_invitations)" == 23 ]] || fail "/metrics: invitations $(sum_of tandem_survey_invitations), want 23"
	[[ "$(sum_of tandem_survey_invitations_submitted)" == 22 ]] || fail "/metrics: submitted $(sum_of tandem_survey_invitations_submitted), want 22"
	small="$(awk 'index($0, "tandem_survey_invitations{") == 1 && $NF < 5' "$tmp/scrape.txt")"
	[[ -z "$small" ]] || fail "/metrics shows a role with fewer than 5 invitations: $small"
	grep -q 'role="peer"' "$tmp/scrape.txt" && fail "/metrics shows the 2 peers as a role of their own"
	grep -q '^tandem_survey_invitations{.*role="other".* 12$' "$tmp/scrape.txt" ||
		fail "/metrics: no role \"other\" with 12 invitations (2 peers, 10 mentees)"
	grep -qF -e "Monitoring e2e" -e "Round e2e" "$tmp/scrape.txt" && fail "/metrics names the program or the cohort"
	log "/metrics shows 23 invited, 22 answered; peers folded into \"other\"; no names"
}

bin="$tmp/tandem"
if [[ -n "${TANDEM_BIN:-}" ]]; then
	bin="$TANDEM_BIN"
else
	log "building tandem"
	(cd "$root" && go build -o "$bin" ./cmd/tandem)
fi
token="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
metrics_token="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
# Prometheus reads the token from a file that holds it and nothing else.
(umask 077 && printf '%s' "$metrics_token" >"$tmp/metrics.token")

for attempt in 1 2 3; do
	port="$(free_port)"
	url="http://127.0.0.1:$port"
	log "starting tandem on $url (attempt $attempt)"
	TANDEM_ADMIN_TOKEN="$token" TANDEM_METRICS_TOKEN="$metrics_token" "$bin" serve --addr "127.0.0.1:$port" --db "$tmp/tandem.duckdb" \
		</dev/null >"$tmp/tandem.log" 2>&1 &
	tandem_pid=$!
	wait_for "$url/readyz" "$tandem_pid" && break
	stop_pid "$tandem_pid" tandem
	tandem_pid=""
	rm -f "$tmp"/tandem.duckdb*
	[[ $attempt == 3 ]] && fail "tandem did not become ready"
done

# The provisioning file, with this run's rules, token file and port, and
# everything every second.
sed -e "s|/etc/prometheus/rules/tandem-alerts.rules.yml|$here/alerts.rules.yml|" \
	-e "s|/etc/prometheus/tandem-metrics.token|$tmp/metrics.token|" \
	-e "s|127.0.0.1:8080|127.0.0.1:$port|" \
	-e 's/: 1[05]s$/: 1s/' \
	"$here/provisioning/prometheus/prometheus.yml" >"$tmp/prometheus.yml"
grep -q "credentials_file: $tmp/metrics.token" "$tmp/prometheus.yml" || fail "prometheus.yml: no credentials_file"
promtool check config "$tmp/prometheus.yml" >/dev/null || fail "promtool check config"
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
log "prometheus scrapes tandem with the metrics token"
check_auth

scenario

log "waiting for the participation figures (cache TTL 5 s) and a few scrapes"
await 'sum(tandem_survey_invitations{job="tandem"})' 23
await 'sum(tandem_survey_invitations_opened{job="tandem"})' 23
await 'sum(tandem_survey_invitations_submitted{job="tandem"})' 22
sleep 3

curl -fsS -H "Authorization: Bearer $metrics_token" "$url/metrics" >"$tmp/scrape.txt"
check_scrape
promtool check metrics <"$tmp/scrape.txt" || fail "promtool check metrics"
log "promtool check metrics: ok"

check_dashboards
check_rules

log "promtool check rules / test rules"
promtool check rules "$here/alerts.rules.yml"
(cd "$here" && promtool test rules alerts.test.yml)
log "PASS"
