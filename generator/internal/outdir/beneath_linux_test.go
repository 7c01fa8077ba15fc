package outdir

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestBeneathAsTheRoot writes files and folders into staging, among
// symbolic links planted in it (one to a folder outside, one to a folder
// inside, one where a file is to be written), once in one system call
// each (openat2) and once through the root of staging alone: the same
// files must come out, the same writes must fail, and nothing may land
// outside staging.
func TestBeneathAsTheRoot(t *testing.T) {
	type result struct {
		errs  []bool            // which writes failed
		files map[string]string // what staging holds, links as "-> target"
	}
	run := func(rootOnly bool) result {
		dir := t.TempDir()
		outside := filepath.Join(dir, "outside")
		if err := os.MkdirAll(filepath.Join(outside, "kept"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(outside, "target.html"), []byte("outside"), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Open(context.Background(), filepath.Join(dir, "public"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Abort()
		if rootOnly {
			d.beneath.off.Store(true)
		}
		if err := d.WriteFile("a/b/first.html", []byte("first")); err != nil {
			t.Fatal(err)
		}
		if !rootOnly && (d.beneath.dir == nil || d.beneath.off.Load()) {
			if os.Getenv("CI") == "true" {
				t.Fatal("openat2 is not available, so staging is written through its root only")
			}
			t.Skip("openat2 is not available on this machine (Linux before 5.6, or a sandbox): staging is written through its root only")
		}
		for name, target := range map[string]string{"esc": outside, "inner": "a", "f.html": filepath.Join(outside, "target.html")} {
			if err := os.Symlink(target, filepath.Join(d.staging, name)); err != nil {
				t.Fatal(err)
			}
		}
		var res result
		for _, p := range []string{"esc/x.html", "esc/sub/y.html", "esc/kept/z.html", "inner/y.html", "inner/new/z.html", "f.html", "a/b/c/d/deep.html", "a/b/first.html"} {
			res.errs = append(res.errs, d.WriteFile(p, []byte(p)) != nil)
		}
		res.files = map[string]string{}
		err = filepath.Walk(d.staging, func(path string, fi os.FileInfo, err error) error {
			if err != nil || path == d.staging {
				return err
			}
			rel, _ := filepath.Rel(d.staging, path)
			switch {
			case fi.Mode()&os.ModeSymlink != 0:
				to, _ := os.Readlink(path)
				res.files[rel] = "-> " + to
			case fi.Mode().IsRegular():
				data, _ := os.ReadFile(path)
				res.files[rel] = string(data)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var outsideFiles []string
		filepath.Walk(outside, func(path string, fi os.FileInfo, err error) error {
			rel, _ := filepath.Rel(outside, path)
			outsideFiles = append(outsideFiles, rel)
			return nil
		})
		if len(outsideFiles) != 3 { // ., kept and target.html
			t.Errorf("rootOnly=%v: the writes reached outside staging: %q", rootOnly, outsideFiles)
		}
		if data, _ := os.ReadFile(filepath.Join(outside, "target.html")); string(data) != "outside" {
			t.Errorf("rootOnly=%v: the file a link in staging led to was written: %q", rootOnly, data)
		}
		// Links inside staging would point elsewhere once it is swapped in.
		for rel, v := range res.files {
			if len(v) > 3 && v[:3] == "-> " {
				res.files[rel] = "-> " + filepath.Base(v)
			}
		}
		return res
	}
	fast, root := run(false), run(true)
	if len(fast.errs) != len(root.errs) {
		t.Fatal("not the same writes")
	}
	for i := range fast.errs {
		if fast.errs[i] != root.errs[i] {
			t.Errorf("write %d failed: %v in one system call, %v through the root", i, fast.errs[i], root.errs[i])
		}
	}
	if len(fast.files) != len(root.files) {
		t.Errorf("staging holds %v in one system call, %v through the root", fast.files, root.files)
	}
	for p, v := range root.files {
		if fast.files[p] != v {
			t.Errorf("%s: %q in one system call, %q through the root", p, fast.files[p], v)
		}
	}
	if fast.files["a/b/c/d/deep.html"] != "a/b/c/d/deep.html" || fast.files["a/y.html"] != "inner/y.html" {
		t.Errorf("staging holds %v", fast.files)
	}
	if !fast.errs[0] {
		t.Errorf("a write through a link to a folder outside staging did not fail: %v", fast.files)
	}
}

// TestBeneathAfterClose writes a file after the Dir was abandoned, as a
// page still being made when a build is cancelled would: it fails, and
// nothing is written.
func TestBeneathAfterClose(t *testing.T) {
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "public"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a/first.html", []byte("first")); err != nil {
		t.Fatal(err)
	}
	d.closeRoots()
	if err := d.WriteFile("a/late.html", []byte("late")); err == nil {
		t.Error("a file was written after staging was closed")
	}
	if _, err := os.Stat(filepath.Join(d.staging, "a", "late.html")); err == nil {
		t.Error("late.html is in staging")
	}
	d.Abort()
}
