// Package exports holds what leaves the service: the Excel evaluation, raw
// answers as CSV and Parquet, and the Prometheus metrics. The writers take
// an io.Writer (or a registry) and know nothing of HTTP; http.go alone
// turns them into downloads of the admin API. It may import analytics and
// survey, never cmd.
package exports
