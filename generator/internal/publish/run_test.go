package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"krachtpunt/generator/internal/diag"
)

// faultRemote is a Folder whose actions fail when fail says so.
type faultRemote struct {
	*Folder
	fail func(op, name string) error
}

func (f *faultRemote) Put(ctx context.Context, name string, r io.Reader) error {
	if err := f.fail("put", name); err != nil {
		io.CopyN(io.Discard, r, 10) // half a file
		return err
	}
	return f.Folder.Put(ctx, name, r)
}

func (f *faultRemote) Rename(ctx context.Context, from, to string) error {
	if err := f.fail("rename", to); err != nil {
		return err
	}
	return f.Folder.Rename(ctx, from, to)
}

type fixture struct {
	t           *testing.T
	pub, server string
	connects    int
	logs        []string
}

func newFixture(t *testing.T, n int) *fixture {
	f := &fixture{t: t, pub: t.TempDir(), server: t.TempDir()}
	for i := range n {
		f.write(fmt.Sprintf("p%02d/index.html", i), fmt.Sprintf("page %d", i))
	}
	return f
}

func (f *fixture) write(name, data string) {
	p := filepath.Join(f.pub, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, []byte(data), 0o644)
}

func (f *fixture) publish(fail func(op, name string) error) (*Session, Result, error) {
	f.t.Helper()
	files, err := ScanDir(f.pub)
	if err != nil {
		f.t.Fatal(err)
	}
	opts := Options{Dir: f.pub, Files: files, Backoff: time.Millisecond, SaveEvery: 3,
		Log: func(t diag.Text) { f.logs = append(f.logs, t.In("nl")) },
		Connect: func(ctx context.Context) (Remote, error) {
			f.connects++
			if fail == nil {
				return &Folder{Root: f.server}, nil
			}
			return &faultRemote{&Folder{Root: f.server}, fail}, nil
		}}
	s, err := Prepare(context.Background(), opts)
	if err != nil {
		return nil, Result{}, err
	}
	defer s.Close()
	res, err := s.Apply(context.Background())
	return s, res, err
}

func (f *fixture) state() *State {
	b, err := os.ReadFile(filepath.Join(f.server, StateFile))
	if err != nil {
		f.t.Fatal(err)
	}
	st, err := ParseState(b)
	if err != nil {
		f.t.Fatal(err)
	}
	return st
}

func TestRetryAfterDroppedConnection(t *testing.T) {
	f := newFixture(t, 5)
	dropped := false
	_, res, err := f.publish(func(op, name string) error {
		if op == "put" && strings.Contains(name, "p02") && !dropped {
			dropped = true
			return &Error{Kind: Network, Err: syscall.ECONNRESET}
		}
		return nil
	})
	if err != nil || res.Uploaded != 5 {
		t.Fatalf("publish after one dropped connection: %v, %d uploaded", err, res.Uploaded)
	}
	if f.connects != 2 || len(f.logs) != 1 || !strings.Contains(f.logs[0], "(bij p02/index.html); over 1ms opnieuw (poging 2 van 4)") {
		t.Errorf("connects %d, log %q", f.connects, f.logs)
	}
}

func TestFullDiskStopsAndNextPublishCarriesOn(t *testing.T) {
	f := newFixture(t, 8)
	_, res, err := f.publish(func(op, name string) error {
		if op == "put" && strings.Contains(name, "p05") {
			return syscall.ENOSPC
		}
		return nil
	})
	var e *Error
	if !errors.As(err, &e) || e.Kind != Full || e.File != "p05/index.html" {
		t.Fatalf("a full disk: %v", err)
	}
	want := "de server is vol: p05/index.html kon niet geschreven worden\n    Ruim oude bestanden op in het controlepaneel van je webhost, of vraag om meer ruimte. Daarna gaat publish verder waar het stopte."
	if got := e.Text().In("nl"); got != want {
		t.Errorf("message:\n%s\nwant:\n%s", got, want)
	}
	if f.connects != 1 || res.Uploaded != 5 {
		t.Errorf("a full disk is not retried: %d connects, %d uploaded", f.connects, res.Uploaded)
	}
	if st := f.state(); len(st.Files) != 5 {
		t.Errorf("the state records %d files, want the 5 confirmed", len(st.Files))
	}
	if _, err := os.Stat(filepath.Join(f.server, "p05", ".index.html"+tmpSuffix)); !os.IsNotExist(err) {
		t.Errorf("half a file stays behind under its temporary name")
	}
	s, res, err := f.publish(nil)
	if err != nil || res.Uploaded != 3 || s.Plan.Unchanged != 5 {
		t.Fatalf("the next publish: %v, %d uploaded, %d unchanged", err, res.Uploaded, s.Plan.Unchanged)
	}
}

func TestCutBetweenUploadAndStateIsSafe(t *testing.T) {
	f := newFixture(t, 2)
	if _, _, err := f.publish(nil); err != nil {
		t.Fatal(err)
	}
	// The page changes with the same size; the line drops while the state
	// is written, after the page itself was renamed in place.
	f.write("p00/index.html", "PAGE 0")
	_, _, err := f.publish(func(op, name string) error {
		if op == "rename" && name == StateFile {
			return &Error{Kind: Network, Err: io.ErrUnexpectedEOF}
		}
		return nil
	})
	if err == nil {
		t.Fatal("no error when the state cannot be written")
	}
	if st := f.state(); st.Files["p00/index.html"].SHA256 == "" {
		t.Fatal("the old state is lost")
	}
	s, res, err := f.publish(nil)
	if err != nil || res.Uploaded != 1 {
		t.Fatalf("the next publish must upload the page once more: %v, %d uploaded", err, res.Uploaded)
	}
	if got, _ := os.ReadFile(filepath.Join(f.server, "p00", "index.html")); string(got) != "PAGE 0" || s.Plan.Count(Changed) != 1 {
		t.Errorf("server holds %q", got)
	}
}

func TestProgress(t *testing.T) {
	for _, tc := range []struct {
		terminal bool
		want     string
	}{
		{false, "2 van 4 bestanden, 2,0 MB van 4,0 MB\n"},
		{true, "\r[############------------] 2 van 4 bestanden, 2,0 MB van 4,0 MB \r[########################] 4 van 4 bestanden, 4,0 MB van 4,0 MB \n"},
	} {
		var buf strings.Builder
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		p := &Progress{W: &buf, Terminal: tc.terminal, Lang: "nl", Now: func() time.Time { return now }}
		p.Start(4, 4_000_000)
		p.Add(1, 1_000_000) // the first second: nothing shows
		now = now.Add(3 * time.Second)
		p.Add(1, 1_000_000)
		now = now.Add(time.Second) // too soon for another plain line
		p.Add(0, 2_000_000)
		p.Add(2, 0)
		p.Done()
		got := buf.String()
		if tc.terminal {
			// The bar is redrawn as bytes come in; keep the first and the last.
			parts := strings.Split(got, "\r")
			got = "\r" + parts[1] + "\r" + parts[len(parts)-1]
		}
		if got != tc.want {
			t.Errorf("terminal %v:\n%q\nwant\n%q", tc.terminal, got, tc.want)
		}
	}
}

// TestErrorTexts pins the first line of every message a failed publish
// shows, in both languages.
func TestErrorTexts(t *testing.T) {
	for _, tc := range []struct {
		e      Error
		nl, en string
	}{
		{Error{Kind: Network, Op: "upload", File: "a.css"}, "de verbinding met de server is verbroken of reageert niet (bij a.css)", "the connection to the server dropped or does not answer (at a.css)"},
		{Error{Kind: Login, Op: "login"}, "de server weigert de gebruikersnaam of het wachtwoord", "the server refuses the user name or password"},
		{Error{Kind: HostKey, Fingerprint: "SHA256:x"}, "de sleutel van de server is onbekend: SHA256:x", "the server's key is unknown: SHA256:x"},
		{Error{Kind: HostKey, Fingerprint: "SHA256:x", Changed: true}, "de sleutel van de server is veranderd: hij toont nu SHA256:x", "the server's key has changed: it now shows SHA256:x"},
		{Error{Kind: Certificate, Fingerprint: "SHA256:y"}, "het certificaat van de server is niet te vertrouwen (vingerafdruk SHA256:y)", "the server's certificate cannot be trusted (fingerprint SHA256:y)"},
		{Error{Kind: NotFound, Op: "list", File: "/www"}, "/www bestaat niet op de server", "/www does not exist on the server"},
		{Error{Kind: Permission, Op: "upload", File: "b/c.html"}, "de server staat niet toe dat we b/c.html zetten", "the server does not allow us to upload b/c.html"},
		{Error{Kind: Permission, Op: "delete", File: "d.html"}, "de server staat niet toe dat we d.html weghalen", "the server does not allow us to delete d.html"},
		{Error{Kind: Full, Op: "upload", File: "e.jpg"}, "de server is vol: e.jpg kon niet geschreven worden", "the server is full: e.jpg could not be written"},
		{Error{Kind: Plain}, "de server biedt geen versleutelde verbinding (FTPS) aan", "the server offers no encrypted connection (FTPS)"},
		{Error{Kind: NeedTLS}, "de server wil alleen een versleutelde verbinding", "the server wants an encrypted connection only"},
		{Error{Kind: NoPassword}, "de server vraagt een wachtwoord, maar dat is er niet", "the server asks for a password, and there is none"},
		{Error{Kind: Other, Op: "rename", File: "f.html", Err: errors.New("boom")}, "f.html vervangen lukte niet: boom", "could not replace f.html: boom"},
	} {
		text := tc.e.Text()
		for lang, want := range map[string]string{"nl": tc.nl, "en": tc.en} {
			got, hint, _ := strings.Cut(text.In(lang), "\n    ")
			if got != want || hint == "" {
				t.Errorf("%s: %q (hint %q), want %q", lang, got, hint, want)
			}
		}
	}
}

func TestLockKeepsTwoPublishesApart(t *testing.T) {
	f := newFixture(t, 2)
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	run := func(owner string) (Result, error) {
		files, _ := ScanDir(f.pub)
		s, err := Prepare(context.Background(), Options{Dir: f.pub, Files: files, Now: func() time.Time { return now }, Owner: owner,
			Connect: func(ctx context.Context) (Remote, error) { return &Folder{Root: f.server}, nil }})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		return s.Apply(context.Background())
	}
	lock := filepath.Join(f.server, LockFile)
	os.WriteFile(lock, []byte(`{"owner":"ander","since":"2026-12-01T09:30:00Z"}`), 0o644)
	_, err := run("ik")
	var e *Error
	if !errors.As(err, &e) || e.Kind != Busy {
		t.Fatalf("a publish while another is busy: %v", err)
	}
	if got := e.Text().In("nl"); !strings.HasPrefix(got, "er is al een publish bezig op deze server, sinds 2026-12-01 09:30 UTC\n") {
		t.Errorf("message %q", got)
	}
	if _, err := os.Stat(filepath.Join(f.server, "p00")); !os.IsNotExist(err) {
		t.Errorf("the publish went on while another was busy")
	}
	// The same computer carries on after its own publish stopped.
	if res, err := run("ander"); err != nil || res.Uploaded != 2 {
		t.Fatalf("the lock's owner: %v, %d uploaded", err, res.Uploaded)
	}
	if _, err := os.Stat(lock); !os.IsNotExist(err) {
		t.Errorf("the lock stays after the publish")
	}
	// A lock older than two hours was left behind: it does not hold.
	os.WriteFile(lock, []byte(`{"owner":"ander","since":"2026-12-01T07:59:00Z"}`), 0o644)
	f.write("p00/index.html", "new")
	if res, err := run("ik"); err != nil || res.Uploaded != 1 {
		t.Fatalf("an old lock: %v, %d uploaded", err, res.Uploaded)
	}
}
