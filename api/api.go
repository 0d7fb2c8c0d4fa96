// Package api holds the OpenAPI document of tandem's HTTP API, served at
// /api/v1/openapi.yaml and kept in step with the routes by a test.
package api

import _ "embed"

// OpenAPI is the OpenAPI 3 document.
//
//go:embed openapi.yaml
var OpenAPI []byte
