// Package analytics is read-only: SQL aggregations over survey's tables, the
// statistics of DOMAIN.md as pure functions, suppression, and the results API.
// It may import api (the API's edge), survey and its read-side
// sub-packages (survey/programs), never survey/store, survey/web, exports
// or cmd: a test checks that it links neither the store nor the pages.
package analytics
