// Package storetest helps tests of other packages run against a real
// store: a fresh DuckDB file in the test's temp dir, closed at the end.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"tandem/survey/store"
)

// MustOpen opens a store on a fresh DuckDB file in tb's temp dir, with a
// fresh random server key (opts may give another), and closes it when the
// test ends.
func MustOpen(tb testing.TB, opts ...store.Option) *store.Store {
	tb.Helper()
	return MustOpenAt(tb, filepath.Join(tb.TempDir(), "db", "tandem.duckdb"), opts...)
}

// MustOpenAt opens the store at path, with a fresh random server key unless
// opts give one, and closes it when the test ends. Tests that reopen a file
// pass the same key again with store.WithKey.
func MustOpenAt(tb testing.TB, path string, opts ...store.Option) *store.Store {
	tb.Helper()
	opts = append([]store.Option{store.WithKey(store.NewKey())}, opts...)
	st, err := store.Open(context.Background(), path, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}
