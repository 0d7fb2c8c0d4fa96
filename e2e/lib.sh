# Shell helpers shared by the end-to-end scripts (e2e/run.sh,
# dashboards/e2e.sh); source it, don't run it.

# stop_pid PID NAME: ask a process we started to stop (TERM: tandem closes
# its database gracefully), give it 15 s, then insist with KILL.
stop_pid() {
	local pid=$1 name=${2:-process}
	[[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 150); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		printf '%s (%s) did not stop; killing it\n' "$name" "$pid" >&2
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}
