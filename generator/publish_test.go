package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"krachtpunt/generator/internal/publish"
)

// target is a server to publish to, as the tests see it.
type target struct {
	method   string
	port     int
	password string
	hostKey  string // sftp
	tlsPin   string // ftps
	owned    bool   // the server's folder must belong to the test user
	cutAt    int64  // bytes from the client after which the proxy cuts the line
}

func (tg target) toml(port int, path string, extra string) string {
	if tg.method == "folder" {
		return fmt.Sprintf("[publish]\nmethod = \"folder\"\npath = %q\n%s", path, extra)
	}
	s := fmt.Sprintf("[publish]\nmethod = %q\nhost = \"127.0.0.1\"\nport = %d\nuser = %q\npath = %q\n", tg.method, port, testUser, path)
	if tg.hostKey != "" && !strings.Contains(extra, "host_key") {
		s += fmt.Sprintf("host_key = %q\n", tg.hostKey)
	}
	if tg.tlsPin != "" && !strings.Contains(extra, "tls_fingerprint") {
		s += fmt.Sprintf("tls_fingerprint = %q\n", tg.tlsPin)
	}
	return s + extra
}

// pubSite is a built copy of the example centre with a folder for the server.
type pubSite struct {
	t      *testing.T
	tg     target
	dir    string // the site folder
	server string // the server's folder on this machine
	home   string // an empty home folder: no known_hosts, no keys
	agent  string // SSH_AUTH_SOCK
}

func newPubSite(t *testing.T, tg target) *pubSite {
	t.Helper()
	s := &pubSite{t: t, tg: tg, dir: t.TempDir(), home: t.TempDir()}
	for _, d := range []string{"content"} {
		if err := os.CopyFS(filepath.Join(s.dir, d), os.DirFS(filepath.Join("..", d))); err != nil {
			t.Fatal(err)
		}
	}
	root := t.TempDir()
	openDirs(t, root)
	s.server = filepath.Join(root, "www")
	os.Mkdir(s.server, 0o755)
	os.WriteFile(filepath.Join(s.server, "van-de-host.txt"), []byte("not ours\n"), 0o644)
	s.own()
	s.configure(tg.port, s.server, "")
	if code, out, errOut := runCmd(t, "build", "--site", s.dir, "--today", "2026-11-25"); code != 0 {
		t.Fatalf("build: %d\n%s%s", code, out, errOut)
	}
	return s
}

func (s *pubSite) own() {
	if s.tg.owned {
		chownUser(s.t, s.server)
	}
}

func (s *pubSite) configure(port int, path, extra string) {
	src, err := os.ReadFile("../site.toml")
	if err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, "site.toml"), append(append(src, '\n'), s.tg.toml(port, path, extra)...), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// publish runs the publish command without building, as a volunteer would
// with the password in KRACHTPUNT_PASSWORD.
func (s *pubSite) publish(password string, args ...string) (int, string, string) {
	s.t.Helper()
	env := publishEnv{
		getenv: func(k string) string {
			switch k {
			case "KRACHTPUNT_PASSWORD":
				return password
			case "SSH_AUTH_SOCK":
				return s.agent
			}
			return ""
		},
		home:    s.home,
		backoff: 10 * time.Millisecond,
	}
	var out, errOut bytes.Buffer
	err := cmdPublish(context.Background(), append([]string{"--site", s.dir, "--no-build"}, args...), &out, &errOut, env, "nl")
	code := 0
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		code = 2
	case errors.Is(err, errContent):
		code = 1
	default:
		fmt.Fprintln(&errOut, "krachtpunt:", err)
		code = 1
	}
	for _, text := range []string{out.String(), errOut.String()} {
		if s.tg.password != "" && strings.Contains(text, s.tg.password) {
			s.t.Fatalf("the password appears in the output:\n%s", text)
		}
	}
	return code, out.String(), errOut.String()
}

func (s *pubSite) mustPublish(args ...string) string {
	s.t.Helper()
	code, out, errOut := s.publish(s.tg.password, args...)
	if code != 0 {
		s.t.Fatalf("publish exit %d\n%s%s", code, out, errOut)
	}
	return out
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		m[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// checkEqual compares the server's folder with public/ byte for byte, next
// to the file the host put there and the state file.
func (s *pubSite) checkEqual() {
	s.t.Helper()
	want := readTree(s.t, filepath.Join(s.dir, "public"))
	want["van-de-host.txt"] = "not ours\n"
	got := readTree(s.t, s.server)
	if _, ok := got[publish.StateFile]; !ok {
		s.t.Errorf("no %s on the server", publish.StateFile)
	}
	delete(got, publish.StateFile)
	for name := range want {
		if got[name] != want[name] {
			s.t.Errorf("%s on the server differs from public/ (%d bytes, want %d)", name, len(got[name]), len(want[name]))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			s.t.Errorf("%s is on the server but not in public/", name)
		}
	}
}

func (s *pubSite) write(name, data string) {
	p := filepath.Join(s.dir, "public", filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func testPublish(t *testing.T, tg target) {
	s := newPubSite(t, tg)
	n := len(readTree(t, filepath.Join(s.dir, "public"))) // every file the build published
	if n < 150 {
		t.Fatalf("the example site has only %d files", n)
	}
	out := s.mustPublish()
	if want := fmt.Sprintf("%d nieuw, 0 gewijzigd, 0 vervangen, 0 weghalen, 0 ongewijzigd", n); !strings.Contains(out, want) {
		t.Errorf("first publish does not count %d new files:\n%s", n, out)
	}
	if !strings.Contains(out, "De site komt voor het eerst online.") {
		t.Errorf("first publish does not say the site goes online:\n%s", out)
	}
	s.checkEqual()

	// Nothing changed: nothing to do.
	if out := s.mustPublish(); !strings.Contains(out, fmt.Sprintf("De server is al bij: %d bestanden, niets te doen.", n)) {
		t.Errorf("second publish is not a no-op:\n%s", out)
	}

	// An edit of the same size, a new file, a deleted page.
	css := readTree(t, filepath.Join(s.dir, "public"))["style.css"]
	s.write("style.css", strings.Replace(css, "a", "b", 1))
	s.write("nieuw/index.html", "<!doctype html><title>n</title><h1>Nieuw</h1>")
	os.RemoveAll(filepath.Join(s.dir, "public", "route"))
	dry := s.mustPublish("--dry-run")
	for _, line := range []string{"  gewijzigd style.css", "  nieuw     nieuw/index.html", "  weghalen  route/index.html",
		fmt.Sprintf("1 nieuw, 1 gewijzigd, 0 vervangen, 1 weghalen, %d ongewijzigd", n-2), "Proefrit (--dry-run): er is niets veranderd op de server."} {
		if !strings.Contains(dry, line) {
			t.Errorf("dry run lacks %q:\n%s", line, dry)
		}
	}
	if got := readTree(t, s.server); got["style.css"] != css || got["route/index.html"] == "" {
		t.Errorf("the dry run changed the server")
	}
	out = s.mustPublish()
	if !strings.Contains(out, "Klaar: 2 bestanden gezet, 1 weggehaald") {
		t.Errorf("edit does not upload exactly 2 files and delete 1:\n%s", out)
	}
	s.checkEqual()
	if _, err := os.Stat(filepath.Join(s.server, "route")); !os.IsNotExist(err) {
		t.Errorf("the emptied folder route/ stays on the server")
	}

	// A dropped connection in the middle: every file old or new, and the
	// next publish completes.
	before := readTree(t, s.server)
	for i := range 12 {
		s.write(fmt.Sprintf("foto/%02d.jpg", i), strings.Repeat(fmt.Sprint(i), 40_000))
	}
	for name, data := range readTree(t, filepath.Join(s.dir, "public")) {
		if strings.HasSuffix(name, ".html") && strings.Contains(name, "activiteiten/") {
			s.write(name, data+"<!-- nieuw -->\n")
		}
	}
	after := readTree(t, filepath.Join(s.dir, "public"))
	if tg.method != "folder" {
		proxy := startProxy(t, tg.port, tg.cutAt, 50)
		s.configure(proxy.port, s.server, "")
		code, out, errOut := s.publish(tg.password)
		if code != 1 || !strings.Contains(errOut, "publish is gestopt: de verbinding met de server is verbroken of reageert niet") {
			t.Errorf("a cut connection: exit %d\n%s%s", code, out, errOut)
		}
		if !strings.Contains(errOut, "opnieuw (poging 2 van 4)") {
			t.Errorf("no retries after a cut connection:\n%s", errOut)
		}
		for name, data := range readTree(t, s.server) {
			if name == publish.StateFile || name == publish.LockFile || strings.HasSuffix(name, ".krachtpunt-tmp") {
				continue
			}
			if old, ok := before[name]; (!ok || data != old) && data != after[name] {
				t.Errorf("%s on the server is neither old nor new after a cut (%d bytes)", name, len(data))
			}
		}
		// A line that drops once: the retry carries the publish through.
		proxy = startProxy(t, tg.port, tg.cutAt, -1)
		s.configure(proxy.port, s.server, "")
		code, out, errOut = s.publish(tg.password)
		if code != 0 || !strings.Contains(errOut, "opnieuw (poging 2 van 4)") {
			t.Errorf("a connection that drops once: exit %d\n%s%s", code, out, errOut)
		}
		s.configure(tg.port, s.server, "")
	}
	s.mustPublish()
	s.checkEqual()

	// A path relative to the folder the server logs in to (the test
	// user's is /tmp).
	if rel, err := filepath.Rel("/tmp", s.server); tg.method != "folder" && err == nil && !strings.HasPrefix(rel, "..") {
		s.configure(tg.port, rel, "")
		if out := s.mustPublish(); !strings.Contains(out, "/~/"+rel+"\n") || !strings.Contains(out, "De server is al bij") {
			t.Errorf("a relative path:\n%s", out)
		}
		s.configure(tg.port, s.server, "")
	}

	// A wrong path: clear message, exit 1, nothing changed.
	s.configure(tg.port, s.server+"-typo", "")
	code, out, errOut := s.publish(tg.password)
	if code != 1 || !strings.Contains(errOut, "bestaat niet op de server") || !strings.Contains(errOut, "Controleer path in [publish]") {
		t.Errorf("a wrong path: exit %d\n%s%s", code, out, errOut)
	}
	// A wrong path that points at another site: nothing is replaced without --yes.
	other := filepath.Join(filepath.Dir(s.server), "ander")
	os.Mkdir(other, 0o755)
	for _, n := range []string{"index.html", "404.html", "style.css", "robots.txt", "sitemap.xml"} {
		os.WriteFile(filepath.Join(other, n), []byte("other site"), 0o644)
	}
	if tg.owned {
		chownUser(t, other)
	}
	s.configure(tg.port, other, "")
	code, _, errOut = s.publish(tg.password)
	if code != 1 || !strings.Contains(errOut, "publish zou 5 bestanden vervangen die Krachtpunt daar niet zelf heeft gezet.") {
		t.Errorf("replacing another site's files without --yes: exit %d\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "index.html")); string(b) != "other site" {
		t.Errorf("another site's index.html was replaced without --yes")
	}
	s.configure(tg.port, s.server, "")

	// Deleting more than a quarter of the site needs --yes.
	removed, published := 0, len(readTree(t, filepath.Join(s.dir, "public")))
	for name := range after {
		if (strings.HasPrefix(name, "agenda/") || strings.HasPrefix(name, "activiteiten/")) && removed <= published/4 {
			os.Remove(filepath.Join(s.dir, "public", filepath.FromSlash(name)))
			removed++
		}
	}
	code, out, errOut = s.publish(tg.password)
	if code != 1 || !strings.Contains(errOut, fmt.Sprintf("publish zou %d van de %d gepubliceerde bestanden weghalen.", removed, published)) {
		t.Errorf("deleting %d files without --yes: exit %d\n%s%s", removed, code, out, errOut)
	}
	s.mustPublish("--yes")
	s.checkEqual()

	if tg.password != "" {
		code, out, errOut = s.publish("")
		if code != 1 || !strings.Contains(errOut, "de server vraagt een wachtwoord, maar dat is er niet") {
			t.Errorf("no password and no terminal: exit %d\n%s%s", code, out, errOut)
		}
		code, out, errOut = s.publish("wrong-password")
		if code != 1 || !strings.Contains(errOut, "de server weigert de gebruikersnaam of het wachtwoord") {
			t.Errorf("a wrong password: exit %d\n%s%s", code, out, errOut)
		}
		if strings.Contains(out+errOut, "wrong-password") {
			t.Errorf("the wrong password appears in the output")
		}
	}

	// A permission error names the file.
	if tg.owned {
		os.Chmod(filepath.Join(s.server, "verhalen"), 0o555)
		s.write("verhalen/samen-koken/index.html", after["verhalen/samen-koken/index.html"]+"<!-- x -->")
		s.write("verhalen/extra.txt", "x")
		code, out, errOut = s.publish(tg.password)
		os.Chmod(filepath.Join(s.server, "verhalen"), 0o755)
		if code != 1 || !strings.Contains(errOut, "verhalen/extra.txt") || !strings.Contains(errOut, "de server staat niet toe") {
			t.Errorf("a permission error: exit %d\n%s%s", code, out, errOut)
		}
		s.mustPublish()
		s.checkEqual()
	}
}

func TestPublishFolder(t *testing.T) {
	testPublish(t, target{method: "folder"})
}

func TestPublishSFTP(t *testing.T) {
	srv := startSSH(t)
	tg := target{method: "sftp", port: srv.port, password: srv.password, hostKey: srv.fingerprint, owned: true, cutAt: 150_000}
	testPublish(t, tg)

	s := newPubSite(t, tg)
	// An unknown host key is refused, showing its fingerprint.
	s.configure(srv.port, s.server, "host_key = \"\"\n")
	code, out, errOut := s.publish(srv.password)
	if code != 1 || !strings.Contains(errOut, "de sleutel van de server is onbekend: "+srv.fingerprint) {
		t.Errorf("an unknown host key: exit %d\n%s%s", code, out, errOut)
	}
	// known_hosts is used when host_key is not set.
	os.MkdirAll(filepath.Join(s.home, ".ssh"), 0o700)
	hostPub := strings.TrimSpace(string(mustRead(t, filepath.Join(filepath.Dir(srv.keyFile), "hostkey.pub"))))
	os.WriteFile(filepath.Join(s.home, ".ssh", "known_hosts"), []byte(fmt.Sprintf("[127.0.0.1]:%d %s\n", srv.port, hostPub)), 0o600)
	// A key instead of a password.
	os.Chmod(srv.keyFile, 0o600)
	s.configure(srv.port, s.server, fmt.Sprintf("host_key = \"\"\nkey = %q\n", srv.keyFile))
	if code, out, errOut := s.publish(""); code != 0 {
		t.Errorf("publish with a key and known_hosts: exit %d\n%s%s", code, out, errOut)
	}
	s.checkEqual()

	// The SSH agent holds the key: no password, no key file.
	sock := filepath.Join(t.TempDir(), "agent.sock")
	agent := exec.Command("ssh-agent", "-D", "-a", sock)
	if err := agent.Start(); err != nil {
		t.Fatalf("ssh-agent: %v", err)
	}
	t.Cleanup(func() { agent.Process.Kill(); agent.Wait() })
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	add := exec.Command("ssh-add", srv.keyFile)
	add.Env = append(os.Environ(), "SSH_AUTH_SOCK="+sock)
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("ssh-add: %v\n%s", err, out)
	}
	s.agent = sock
	s.write("via-agent.txt", "agent")
	s.configure(srv.port, s.server, "host_key = \"\"\n")
	if code, out, errOut := s.publish(""); code != 0 || !strings.Contains(out, "Klaar: 1 bestand gezet") {
		t.Errorf("publish with the SSH agent: exit %d\n%s%s", code, out, errOut)
	}
}

func TestPublishFTPS(t *testing.T) {
	srv := startFTPS(t)
	tg := target{method: "ftps", port: srv.port, password: srv.password, tlsPin: srv.fingerprint, owned: true, cutAt: 4000}
	testPublish(t, tg)

	s := newPubSite(t, tg)
	// Plain FTP, to a server that wants TLS: a warning, and what to do.
	s.tg.method = "ftp"
	s.configure(srv.port, s.server, "")
	code, out, errOut := s.publish(srv.password)
	if code != 1 || !strings.Contains(errOut, "waarschuwing: method = \"ftp\" stuurt het wachtwoord en de bestanden leesbaar over het net.") ||
		!strings.Contains(errOut, "de server wil alleen een versleutelde verbinding") {
		t.Errorf("plain ftp: exit %d\n%s%s", code, out, errOut)
	}
	s.tg.method = "ftps"
	s.configure(srv.port, s.server, "tls_fingerprint = \"\"\n")
	code, out, errOut = s.publish(srv.password)
	if code != 1 || !strings.Contains(errOut, "het certificaat van de server is niet te vertrouwen (vingerafdruk "+srv.fingerprint+")") {
		t.Errorf("an unknown certificate: exit %d\n%s%s", code, out, errOut)
	}
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
