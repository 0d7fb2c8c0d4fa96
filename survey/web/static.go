package web

import (
	"io/fs"
	"net/http"
)

// FilesOnly serves the files of fsys and no folder: a folder's path is not
// found rather than answered with a listing of what it holds, which would
// tell a visitor more about the service than its pages link to.
func FilesOnly(fsys fs.FS) http.FileSystem {
	return filesOnly{http.FS(fsys)}
}

type filesOnly struct{ http.FileSystem }

// Open opens name, or fails with fs.ErrNotExist when it is a folder.
func (f filesOnly) Open(name string) (http.File, error) {
	file, err := f.FileSystem.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := file.Stat()
	if err != nil || info.IsDir() {
		file.Close()
		return nil, fs.ErrNotExist
	}
	return file, nil
}
