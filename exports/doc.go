// Package exports holds what leaves the service: the Excel evaluation, raw
// answers as CSV and Parquet, and the Prometheus metrics. Exports write to
// an io.Writer or a registry and know nothing of routing. It may import
// analytics and survey, never cmd.
package exports
