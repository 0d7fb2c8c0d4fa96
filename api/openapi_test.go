package api

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestOpenAPIValid loads the served document with kin-openapi and
// validates it: its schemas, references, parameters, examples and
// defaults.
func TestOpenAPIValid(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(OpenAPI)
	if err != nil {
		t.Fatalf("load api/openapi.yaml: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("api/openapi.yaml is not a valid OpenAPI 3 document: %v", err)
	}
	ops := 0
	for _, item := range doc.Paths.Map() {
		ops += len(item.Operations())
	}
	// The router test checks route by route; this only says the
	// document is whole rather than a part of it.
	if ops < 35 {
		t.Errorf("got %d operations, want every route of the service but the HR pages", ops)
	}
}
