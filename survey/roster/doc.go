// Package roster reads lists of participants from the files organisers
// keep them in: CSV (comma or semicolon, as German spreadsheets write it)
// and Excel workbooks, with English or German column headers. The setup
// API and the HR pages import through it. It may import survey and
// excelize, nothing of HTTP or the store.
package roster
