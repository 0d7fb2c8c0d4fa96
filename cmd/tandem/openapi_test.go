package main

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"

	"tandem/api"
	"tandem/survey"
)

// openAPIMethods are the keys of an OpenAPI path item that are operations.
var openAPIMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// ginParam matches a gin path parameter (:id) or catch-all (*filepath).
var ginParam = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)

// openAPIPath turns a gin route path into the OpenAPI form:
// /surveys/:id/close becomes /surveys/{id}/close.
func openAPIPath(ginPath string) string {
	return ginParam.ReplaceAllString(ginPath, "{$1}")
}

// documentedOps returns "METHOD /path" of every operation in the OpenAPI
// document doc.
func documentedOps(t *testing.T, name string, doc []byte) map[string]bool {
	t.Helper()
	var d struct {
		OpenAPI string                    `yaml:"openapi"`
		Paths   map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(doc, &d); err != nil {
		t.Fatalf("%s is not valid YAML: %v", name, err)
	}
	if !strings.HasPrefix(d.OpenAPI, "3.") {
		t.Errorf("%s: openapi is %q, want a 3.x version", name, d.OpenAPI)
	}
	ops := map[string]bool{}
	for p, item := range d.Paths {
		if !strings.HasPrefix(p, "/") {
			t.Errorf("%s: path %q does not start with /", name, p)
		}
		for k := range item {
			if slices.Contains(openAPIMethods, strings.ToLower(k)) {
				ops[strings.ToUpper(k)+" "+p] = true
			}
		}
	}
	return ops
}

// TestOpenAPIMatchesRouter keeps the served document, api/openapi.yaml,
// in step with the routes: every registered route is documented and every
// documented operation is served.
func TestOpenAPIMatchesRouter(t *testing.T) {
	ts := newTestServer(t)
	catalog, err := survey.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	engine, err := newRouter(routerDeps{store: ts.store, catalog: catalog, baseURL: "http://tandem.test",
		adminTokenHash: survey.HashToken(testToken), now: time.Now})
	if err != nil {
		t.Fatal(err)
	}

	routed := map[string]bool{}
	for _, r := range engine.Routes() {
		if strings.HasPrefix(r.Path, "/static/") {
			continue // files of the participant pages, not API
		}
		if r.Path == "/hr" || strings.HasPrefix(r.Path, "/hr/") {
			continue // the HR pages: HTML for people, described in the README
		}
		routed[r.Method+" "+openAPIPath(r.Path)] = true
	}
	if len(routed) == 0 {
		t.Fatal("the router registers no routes")
	}

	documented := documentedOps(t, "api/openapi.yaml", api.OpenAPI)

	var undocumented, unrouted []string
	for op := range routed {
		if !documented[op] {
			undocumented = append(undocumented, op)
		}
	}
	for op := range documented {
		if !routed[op] {
			unrouted = append(unrouted, op)
		}
	}
	slices.Sort(undocumented)
	slices.Sort(unrouted)
	if len(undocumented) > 0 {
		t.Errorf("routes missing from api/openapi.yaml:\n\t%s", strings.Join(undocumented, "\n\t"))
	}
	if len(unrouted) > 0 {
		t.Errorf("operations in the OpenAPI document that the router lacks:\n\t%s", strings.Join(unrouted, "\n\t"))
	}
}

// TestOpenAPIRefsResolve checks that every local $ref of the document
// points at something, and that every {parameter} of a path is declared.
func TestOpenAPIRefsResolve(t *testing.T) {
	var doc map[string]any
	if err := yaml.Unmarshal(api.OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	resolve := func(ref string) (any, bool) {
		var cur any = doc
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			if cur, ok = m[part]; !ok {
				return nil, false
			}
		}
		return cur, true
	}
	var walk func(at string, v any)
	walk = func(at string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if !strings.HasPrefix(ref, "#/") {
					t.Errorf("%s: $ref %q is not local", at, ref)
				} else if _, ok := resolve(ref); !ok {
					t.Errorf("%s: $ref %q points at nothing", at, ref)
				}
			}
			for k, e := range v {
				walk(at+"/"+k, e)
			}
		case []any:
			for _, e := range v {
				walk(at+"[]", e)
			}
		}
	}
	walk("#", doc)

	// Every {name} in a path must be a declared path parameter.
	paths, _ := doc["paths"].(map[string]any)
	param := regexp.MustCompile(`\{([^}]+)\}`)
	for p, item := range paths {
		item, _ := item.(map[string]any)
		declared := map[string]bool{}
		collect := func(list any) {
			ps, _ := list.([]any)
			for _, x := range ps {
				m, _ := x.(map[string]any)
				if ref, ok := m["$ref"].(string); ok {
					r, _ := resolve(ref)
					m, _ = r.(map[string]any)
				}
				if m["in"] == "path" {
					name, _ := m["name"].(string)
					declared[name] = true
				}
			}
		}
		collect(item["parameters"])
		for _, method := range openAPIMethods {
			op, ok := item[method].(map[string]any)
			if !ok {
				continue
			}
			if _, ok := op["responses"].(map[string]any); !ok {
				t.Errorf("%s %s: no responses", strings.ToUpper(method), p)
			}
			collect(op["parameters"])
		}
		for _, m := range param.FindAllStringSubmatch(p, -1) {
			if !declared[m[1]] {
				t.Errorf("%s: path parameter {%s} is not declared", p, m[1])
			}
		}
	}
}

// TestOpenAPIServed checks that GET /api/v1/openapi.yaml serves the
// embedded document without a token.
func TestOpenAPIServed(t *testing.T) {
	ts := newTestServer(t)
	res, err := http.Get(ts.URL + "/api/v1/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.yaml without a token: status %d, want 200: %s", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/yaml") {
		t.Errorf("Content-Type %q, want application/yaml", ct)
	}
	if !bytes.Equal(body, api.OpenAPI) {
		t.Errorf("the served document (%d bytes) differs from api.OpenAPI (%d bytes)", len(body), len(api.OpenAPI))
	}
	if len(api.OpenAPI) < 100 {
		t.Errorf("api.OpenAPI is only %d bytes", len(api.OpenAPI))
	}
}
