// Package web serves survey over HTTP: the participant pages behind the
// personal links (/s/{token}) and the setup part of the admin JSON API.
// Handlers bind and check input, call the store and render; they hold small
// interfaces of just the store methods they call. It may import survey and
// survey/store, never analytics, exports or cmd.
package web
