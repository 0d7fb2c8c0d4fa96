// Package exports holds what leaves the service: the Excel evaluation, raw
// answers as CSV and Parquet, and the Prometheus metrics (registry.go
// builds the registry /metrics serves). The writers take an io.Writer (or
// a registry) and know nothing of HTTP; download.go sends a built file
// (for the admin API and the HR pages alike) and http.go is the API's
// download handlers. It may import api, analytics, survey and its
// read-side sub-packages (survey/programs), never survey/store, survey/web
// or cmd: a test checks that it links neither.
package exports
