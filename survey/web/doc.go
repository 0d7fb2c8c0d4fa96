// Package web serves survey over HTTP: the participant pages behind the
// personal links (/s/{token}) and the setup part of the admin JSON API.
// Handlers bind and check input, call the store and render; they hold small
// interfaces of just the store methods they call. The routes are listed in
// cmd/tandem's route table; errors and request bodies go through the API's
// edge (package api), participant files through survey/roster. It may
// import api, survey and its sub-packages, never analytics, exports or cmd.
package web
