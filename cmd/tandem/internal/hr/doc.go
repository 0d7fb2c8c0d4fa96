// Package hr serves the HR pages under /hr: organisers sign in, set up
// programs, cohorts, participants, tandems and surveys, hand out or e-mail
// invitation links, watch participation and read and download the results.
//
// It lives under cmd/tandem because it is the one place that composes every
// layer: it writes through survey/store (the same store methods as the
// setup API), shows analytics figures (Results, CohortSummary) and offers
// the exports as downloads. STYLE.md's imports flow cmd → exports →
// analytics → survey; survey/... may not show analytics figures, and
// exports is what leaves the service, not a user interface. Being internal
// to cmd/tandem, nothing else can import it. It may import survey, its
// sub-packages (store, web for the import parsers and the limiter, mail),
// analytics; the exports come in as functions wired by cmd/tandem, so this
// package does not depend on how a file is built. Of exports it calls only
// FoldRoles, the rule by which participation per role is shown, so that
// the round pages and the metrics show the same groups.
//
// Pages are server-rendered with html/template (embedded, parsed at start),
// in German and English, with no script at all; charts are inline SVG
// drawn here. Every form carries a CSRF token bound to the session.
package hr
