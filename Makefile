# The tests: vet, unit and integration tests over real DuckDB files and
# HTTP, then the browser suite in headless Chromium, then the dashboards and
# alert rules against a real Prometheus. The README's test command, .ci/run,
# installs what they need and then runs `make test`; on a machine set up
# already, `make test` alone runs them.
.PHONY: test unit e2e metrics fuzz bench

test: unit e2e metrics

unit:
	gofmt -l . | (! grep .) || (echo "gofmt would change the files above" >&2; exit 1)
	go vet ./...
	go test -count=1 -timeout 30m ./...

e2e:
	bash e2e/run.sh

# Prometheus scrapes a running tandem; every dashboard expression must
# return data; promtool checks the scrape and the alert rules.
metrics:
	bash dashboards/e2e.sh

# Each fuzz target for FUZZTIME (default 1m); findings land in testdata/fuzz.
FUZZTIME ?= 1m
fuzz:
	go test ./survey/ -run '^$$' -fuzz '^FuzzDecodeForm$$' -fuzztime $(FUZZTIME)
	go test ./api/ -run '^$$' -fuzz '^FuzzAPIInputs$$' -fuzztime $(FUZZTIME)
	go test ./survey/roster/ -run '^$$' -fuzz '^FuzzParseCSV$$' -fuzztime $(FUZZTIME)
	go test ./survey/roster/ -run '^$$' -fuzz '^FuzzParseXLSX$$' -fuzztime $(FUZZTIME)

bench:
	go test ./survey/store/ ./cmd/tandem/ ./exports/ -run '^$$' -bench . -benchtime 3x
