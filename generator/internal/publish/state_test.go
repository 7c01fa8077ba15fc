package publish

import (
	"maps"
	"testing"
)

// FuzzParseState reads whatever a server holds as the state file: it either
// fails, or gives a state that writes back to a file giving the same state.
func FuzzParseState(f *testing.F) {
	f.Add([]byte("{\"generator\":\"krachtpunt\",\"version\":1,\"files\":{\n\"index.html\":{\"sha256\":\"ab\",\"size\":2,\"mtime\":5}\n}}\n"))
	f.Add([]byte(`{"generator":"krachtpunt","version":1}`))
	f.Add([]byte(`{"generator":"hugo","version":1,"files":{}}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := ParseState(b)
		if err != nil {
			return
		}
		again, err := ParseState(st.Marshal())
		if err != nil {
			t.Fatalf("a state does not read back: %v", err)
		}
		if !maps.Equal(st.Files, again.Files) {
			t.Fatalf("a state changes when written and read: %v, %v", st.Files, again.Files)
		}
	})
}
