package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"tandem/survey/store"
)

// maxKeyFileSize bounds what is read of a key file: a key is 64 hex digits.
const maxKeyFileSize = 4096

// configuredKey is the key serve is given: TANDEM_SECRET_KEY, or the key
// file if it exists. It is read before the database is opened, so that a
// bad key file refuses the start before anything is touched; nil means the
// key file is still to be made.
func configuredKey(cfg Config) (*store.Key, error) {
	if cfg.SecretKey != nil {
		return cfg.SecretKey, nil
	}
	k, err := readKeyFile(cfg.KeyFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// keySource is how serve finds the server key: the configured one (see
// configuredKey) or, on first start, a key file made now. A database of an
// earlier version keeps its pseudonym secret in a table; the new key file
// then holds that secret, so that every respondent key stays the same, and
// the store deletes it from the database.
func keySource(cfg Config, configured *store.Key) func(legacy []byte) (store.Key, error) {
	return func(legacy []byte) (store.Key, error) {
		if configured != nil {
			return *configured, nil
		}
		k := store.NewKey()
		if legacy != nil {
			var err error
			if k, err = store.KeyFromBytes(legacy); err != nil {
				return k, fmt.Errorf("the pseudonym secret in the database: %w", err)
			}
		}
		return k, writeKeyFile(cfg.KeyFile, k)
	}
}

// readKeyFile reads the key file at path. It refuses a file that group or
// others may read or write, and one that does not hold a key.
func readKeyFile(path string) (store.Key, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return store.Key{}, err
		}
		return store.Key{}, fmt.Errorf("key file %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return store.Key{}, fmt.Errorf("key file %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return store.Key{}, fmt.Errorf("key file %s: not a regular file", path)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return store.Key{}, fmt.Errorf("key file %s: group or others may access it (mode %04o); make it private with: chmod 600 %s", path, perm, path)
	}
	text, err := io.ReadAll(io.LimitReader(f, maxKeyFileSize))
	if err != nil {
		return store.Key{}, fmt.Errorf("key file %s: %w", path, err)
	}
	k, err := store.ParseKey(string(text))
	if err != nil {
		return k, fmt.Errorf("key file %s is malformed: %w; restore it from your copy (without the right key, respondent keys change and sealed responses cannot be read)", path, err)
	}
	return k, nil
}

// writeKeyFile creates the key file at path with mode 0600, whole or not at
// all: the key goes to a temporary file that is synced and then linked to
// path, which fails if path exists meanwhile.
func writeKeyFile(path string, k store.Key) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("key file %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, ".tandem-key-*")
	if err != nil {
		return fmt.Errorf("key file %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(k.Hex() + "\n")
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("key file %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// keyAdvice adds to a refusal of the key what the operator can do.
func keyAdvice(cfg Config, err error) error {
	source := "the key file " + cfg.KeyFile
	if cfg.SecretKey != nil {
		source = "TANDEM_SECRET_KEY"
	}
	switch {
	case errors.Is(err, store.ErrKeyConflict):
		return fmt.Errorf("%w (configured: %s). Starting would change every respondent key and break the links between phases. "+
			"Unset TANDEM_SECRET_KEY or move that key file away, and start again: tandem then writes the database's secret to the key file "+
			"(whose content may afterwards be given as TANDEM_SECRET_KEY)", err, source)
	case errors.Is(err, store.ErrWrongKey):
		return fmt.Errorf("%w: %s is not the key they were sealed with; restore the key file that belongs to this database", err, source)
	}
	return err
}
