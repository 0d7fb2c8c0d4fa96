// Package dashboards holds what ops need to watch tandem: the Grafana
// dashboards participation.json and service.json, written as code with the
// Grafana Foundation SDK and generated to JSON by `go generate`; the
// Grafana provisioning files and a Prometheus scrape configuration that
// sends the metrics token; the Prometheus alert rules
// (alerts.rules.yml) and their promtool tests (alerts.test.yml); and
// e2e.sh, which evaluates every dashboard expression through a real
// Prometheus scraping a real tandem.
//
// Its tests check that the committed JSON is what the code generates, that
// it decodes strictly, and that every tandem_ metric named in a dashboard
// or a rule is one the service registers. It may import exports and survey
// (in tests, to build the service's registry), never cmd.
package dashboards

//go:generate go run ./internal/generate
