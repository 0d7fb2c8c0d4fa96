# The test command of the README: vet, unit and integration tests over real
# DuckDB files and HTTP, then the browser suite in headless Chromium.
.PHONY: test unit e2e fuzz bench

test: unit e2e

unit:
	gofmt -l . | (! grep .) || (echo "gofmt would change the files above" >&2; exit 1)
	go vet ./...
	go test -count=1 ./...

e2e:
	bash e2e/run.sh

# Each fuzz target for FUZZTIME (default 1m); findings land in testdata/fuzz.
FUZZTIME ?= 1m
fuzz:
	go test ./survey/ -run '^$$' -fuzz FuzzDecodeForm -fuzztime $(FUZZTIME)

bench:
	go test ./survey/store/ ./cmd/tandem/ -run '^$$' -bench . -benchtime 3x
