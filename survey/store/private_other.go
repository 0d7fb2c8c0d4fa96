//go:build !unix

package store

// privateFiles does nothing where there is no umask; the folder's access
// control list decides who may read the database there.
func privateFiles() {}
