// Package storetest helps tests of other packages run against a real
// store: a fresh DuckDB file in the test's temp dir, closed at the end.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"tandem/survey/store"
)

// MustOpen opens a store on a fresh DuckDB file in tb's temp dir and closes
// it when the test ends.
func MustOpen(tb testing.TB, opts ...store.Option) *store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "db", "tandem.duckdb"), opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}
