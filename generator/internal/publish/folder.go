package publish

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Folder is a Remote on a folder of this computer, such as a mounted
// network drive.
type Folder struct {
	Root string
}

// ConnectFolder returns a Connector for the folder root.
func ConnectFolder(root string) Connector {
	return func(ctx context.Context) (Remote, error) { return &Folder{Root: root}, nil }
}

func (f *Folder) path(name string) string { return filepath.Join(f.Root, filepath.FromSlash(name)) }

// List implements Remote.
func (f *Folder) List(ctx context.Context) (*Listing, error) {
	info, err := os.Stat(f.Root)
	if err != nil {
		return nil, &Error{Kind: kindOf(err), Op: "list", File: f.Root, Err: err}
	}
	if !info.IsDir() {
		return nil, &Error{Kind: NotFound, Op: "list", File: f.Root, Err: errors.New("not a folder")}
	}
	l := &Listing{Files: map[string]Entry{}, Dirs: map[string]bool{}}
	err = filepath.WalkDir(f.Root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(f.Root, p)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			l.Dirs[rel] = true
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		l.Files[rel] = Entry{Size: info.Size(), ModTime: info.ModTime()}
		return nil
	})
	if err != nil {
		return nil, wrap("list", f.Root, err)
	}
	return l, nil
}

// Open implements Remote.
func (f *Folder) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	return os.Open(f.path(name))
}

// Put implements Remote.
func (f *Folder) Put(ctx context.Context, name string, r io.Reader) error {
	out, err := os.Create(f.path(name))
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Rename implements Remote.
func (f *Folder) Rename(ctx context.Context, from, to string) error {
	return os.Rename(f.path(from), f.path(to))
}

// Stat implements Remote.
func (f *Folder) Stat(ctx context.Context, name string) (Entry, error) {
	info, err := os.Stat(f.path(name))
	if err != nil {
		return Entry{}, err
	}
	return Entry{Size: info.Size(), ModTime: info.ModTime()}, nil
}

// Remove implements Remote.
func (f *Folder) Remove(ctx context.Context, name string) error { return os.Remove(f.path(name)) }

// Mkdir implements Remote.
func (f *Folder) Mkdir(ctx context.Context, name string) error {
	err := os.Mkdir(f.path(name), 0o755)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	return err
}

// RemoveDir implements Remote.
func (f *Folder) RemoveDir(ctx context.Context, name string) error { return os.Remove(f.path(name)) }

// Close implements Remote.
func (f *Folder) Close() error { return nil }
