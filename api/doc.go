// Package api is the edge that every handler of the admin JSON API shares:
// the API's description (the OpenAPI document served at
// /api/v1/openapi.yaml and checked against the routes by a test), the
// admin token check, the error JSON with its codes, and the strict
// decoding of request bodies.
//
// It is a leaf: it may import gin and the domain core of survey (its types
// and errors), never survey/web, survey/store or anything that reaches a
// database, so that the read-only packages (analytics, exports) that
// answer on the API link no write path.
package api

import _ "embed"

// OpenAPI is the OpenAPI 3 document of every route of the service but the
// HR pages.
//
//go:embed openapi.yaml
var OpenAPI []byte
