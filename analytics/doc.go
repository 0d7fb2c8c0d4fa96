// Package analytics is read-only: SQL aggregations over survey's tables, the
// statistics of docs/methods.md (section 2) as pure functions, the
// publication and suppression of its section 3, and the results API.
// It may import api (the API's edge), survey and its read-side
// sub-packages (survey/programs), never survey/store, survey/web, exports
// or cmd: a test checks that it links neither the store nor the pages.
package analytics
