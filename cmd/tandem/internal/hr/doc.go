// Package hr serves the HR pages under /hr: organisers sign in, set up
// programs, cohorts, participants, tandems and surveys, hand out or e-mail
// invitation links, watch participation and read and download the results.
//
// It lives under cmd/tandem because it is the one place that composes every
// layer: it writes through survey/store (the same store methods as the
// setup API), shows analytics figures (Results, CohortSummary) and offers
// the exports as downloads. Imports flow cmd → exports → analytics →
// survey; survey/... may not show analytics figures, and exports is what
// leaves the service, not a user interface. Being internal to cmd/tandem,
// nothing else can import it. It may import survey and its sub-packages
// (store, web for the setup store and static files, roster for the import
// parsers, throttle for the sign-in limits, mail), analytics, and of
// exports the rules every file that leaves the service follows (SendFile,
// FileName, Neutralise); the files themselves come in as functions wired
// by cmd/tandem, so this package does not depend on how a file is built.
// Every route of the HR pages is listed in routes.go.
//
// Pages are server-rendered with html/template (embedded, parsed at start),
// in German and English, with no script at all; charts are inline SVG
// drawn here. Every form carries a CSRF token bound to the session.
package hr
