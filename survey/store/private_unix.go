//go:build unix

package store

import "syscall"

// privateFiles makes every file and folder this process creates from now
// on private to its user, by adding 077 to the umask: DuckDB creates the
// database file, its write-ahead log (anew after each checkpoint) and its
// spill folder itself, with the process's umask, and all of them hold
// names, e-mail addresses and answers. A umask is the one setting that
// reaches files created later; it is only ever tightened here.
func privateFiles() {
	syscall.Umask(syscall.Umask(0o077) | 0o077)
}
