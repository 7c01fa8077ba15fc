package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// StateFile is the name of the state file in the server's folder.
const StateFile = ".krachtpunt-publish.json"

// tmpSuffix ends the temporary name a file is uploaded under.
const tmpSuffix = ".krachtpunt-tmp"

// tmpName is the temporary name of name, in the same folder so that the
// rename stays on one disk: "a/.b.html.krachtpunt-tmp".
func tmpName(name string) string {
	dir, base := path.Split(name)
	return dir + "." + base + tmpSuffix
}

func isTmp(name string) bool {
	return strings.HasPrefix(path.Base(name), ".") && strings.HasSuffix(name, tmpSuffix)
}

// File is what the state knows of one published file.
type File struct {
	SHA256  string `json:"sha256"`
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime,omitempty"` // Unix seconds on the server, 0 when the transport has none
}

// State is every file this package uploaded and saw confirmed on the server.
type State struct {
	Files map[string]File
}

type stateJSON struct {
	Generator string          `json:"generator"`
	Version   int             `json:"version"`
	Files     map[string]File `json:"files"`
}

// Marshal encodes the state with sorted keys, one file a line.
func (s *State) Marshal() []byte {
	var buf bytes.Buffer
	buf.WriteString("{\"generator\":\"krachtpunt\",\"version\":1,\"files\":{")
	names := make([]string, 0, len(s.Files))
	for n := range s.Files {
		names = append(names, n)
	}
	sort.Strings(names) // sort for a stable file
	for i, n := range names {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(n)
		v, _ := json.Marshal(s.Files[n])
		buf.WriteString("\n")
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteString("\n}}\n")
	return buf.Bytes()
}

// ParseState decodes a state file.
func ParseState(b []byte) (*State, error) {
	var j stateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("reading %s: %w", StateFile, err)
	}
	if j.Generator != "krachtpunt" || j.Version != 1 {
		return nil, fmt.Errorf("%s is not a state file of this version", StateFile)
	}
	if j.Files == nil {
		j.Files = map[string]File{}
	}
	return &State{Files: j.Files}, nil
}

// Local is one file of public/.
type Local struct {
	Size   int64
	SHA256 string
}

// ScanDir reads every file under dir (public/) with its size and sha256.
func ScanDir(dir string) (map[string]Local, error) {
	files := map[string]Local{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == StateFile || rel == LockFile || isTmp(rel) {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		n, err := io.Copy(h, f)
		if err != nil {
			return fmt.Errorf("reading %s: %w", p, err)
		}
		files[rel] = Local{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}
