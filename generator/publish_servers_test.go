package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// The servers below are real: OpenSSH's sshd with sftp-server, and vsftpd
// with explicit TLS and require_ssl_reuse=YES. Each test starts its own on
// 127.0.0.1 with its own configuration, keys and certificate, and stops it
// by its pid. They log in as a throwaway system user, so permissions on the
// server mean what they mean at a web host.

// testUser is the system user the servers log in: one per test process, so
// two test runs on one machine never change each other's password.
var testUser = fmt.Sprintf("kp-publish-%d", os.Getpid())

// needTool skips (or fails in CI) when a program or root is missing.
func needTool(t *testing.T, paths ...string) {
	t.Helper()
	why := ""
	if os.Geteuid() != 0 {
		why = "the server tests run as root (they add the system user " + testUser + ")"
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			why = p + " is not installed (apt-get install openssh-server vsftpd)"
		}
	}
	if why == "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// throwawayUser makes the system user the servers log in, with a new
// password, and returns the password.
func throwawayUser(t *testing.T) string {
	t.Helper()
	if _, err := user.Lookup(testUser); err != nil {
		out, err := exec.Command("useradd", "--no-create-home", "--home-dir", "/tmp", "--shell", "/bin/sh", testUser).CombinedOutput()
		if err != nil {
			t.Fatalf("useradd: %v\n%s", err, out)
		}
		t.Cleanup(func() { _ = exec.Command("userdel", testUser).Run() })
	}
	b := make([]byte, 9)
	rand.Read(b)
	pw := "Kp-" + hex.EncodeToString(b)
	cmd := exec.Command("chpasswd")
	cmd.Stdin = strings.NewReader(testUser + ":" + pw + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chpasswd: %v\n%s", err, out)
	}
	return pw
}

func chownUser(t *testing.T, dir string) {
	t.Helper()
	u, err := user.Lookup(testUser)
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			os.Chown(p, uid, gid)
		}
		return nil
	})
}

// openDirs makes every folder from dir up to / readable for the test user.
func openDirs(t *testing.T, dir string) {
	for d := dir; d != "/" && d != "."; d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startDaemon runs a server in the foreground of a child process and stops
// it by its pid when the test ends.
func startDaemon(t *testing.T, port int, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("%s log:\n%s", name, log.String())
		}
	})
	for range 100 {
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second); err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s does not listen on %d:\n%s", name, port, log.String())
}

// sshServer is a running sshd.
type sshServer struct {
	port        int
	fingerprint string // SHA256:... of the host key
	keyFile     string // a private key in authorized_keys
	password    string
}

func startSSH(t *testing.T) *sshServer {
	needTool(t, "/usr/sbin/sshd", "/usr/lib/openssh/sftp-server", "/usr/bin/ssh-keygen")
	pw := throwawayUser(t)
	dir := t.TempDir()
	openDirs(t, dir)
	run := func(name string, args ...string) {
		if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
	}
	run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", filepath.Join(dir, "hostkey"))
	run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", filepath.Join(dir, "userkey"))
	pub, err := os.ReadFile(filepath.Join(dir, "userkey.pub"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "authorized_keys"), pub, 0o644)
	hostPub, _ := os.ReadFile(filepath.Join(dir, "hostkey.pub"))
	pk, _, _, _, err := ssh.ParseAuthorizedKey(hostPub)
	if err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	conf := fmt.Sprintf(`Port %d
ListenAddress 127.0.0.1
HostKey %s/hostkey
PidFile %s/sshd.pid
AuthorizedKeysFile %s/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers %s
Subsystem sftp /usr/lib/openssh/sftp-server
`, port, dir, dir, dir, testUser)
	os.WriteFile(filepath.Join(dir, "sshd_config"), []byte(conf), 0o644)
	os.MkdirAll("/run/sshd", 0o755)
	startDaemon(t, port, "/usr/sbin/sshd", "-D", "-e", "-f", filepath.Join(dir, "sshd_config"))
	return &sshServer{port: port, fingerprint: ssh.FingerprintSHA256(pk), keyFile: filepath.Join(dir, "userkey"), password: pw}
}

// ftpServer is a running vsftpd with FTPS.
type ftpServer struct {
	port        int
	fingerprint string // SHA256:... of its certificate
	password    string
}

func startFTPS(t *testing.T) *ftpServer {
	needTool(t, "/usr/sbin/vsftpd")
	pw := throwawayUser(t)
	dir := t.TempDir()
	openDirs(t, dir)
	certPEM, keyPEM, sum := selfSigned(t)
	os.WriteFile(filepath.Join(dir, "cert.pem"), certPEM, 0o644)
	os.WriteFile(filepath.Join(dir, "key.pem"), keyPEM, 0o600)
	port := freePort(t)
	pasv := freePort(t)
	os.MkdirAll("/var/run/vsftpd/empty", 0o755)
	conf := fmt.Sprintf(`listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=%d
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=%d
pasv_max_port=%d
ssl_enable=YES
allow_anon_ssl=NO
force_local_data_ssl=YES
force_local_logins_ssl=YES
require_ssl_reuse=YES
ssl_tlsv1=NO
ssl_sslv2=NO
ssl_sslv3=NO
rsa_cert_file=%s/cert.pem
rsa_private_key_file=%s/key.pem
pam_service_name=vsftpd
secure_chroot_dir=/var/run/vsftpd/empty
seccomp_sandbox=NO
isolate_network=NO
isolate=NO
xferlog_enable=NO
vsftpd_log_file=%s/vsftpd.log
`, port, pasv, pasv+20, dir, dir, dir)
	os.WriteFile(filepath.Join(dir, "vsftpd.conf"), []byte(conf), 0o600)
	startDaemon(t, port, "/usr/sbin/vsftpd", filepath.Join(dir, "vsftpd.conf"))
	return &ftpServer{port: port, fingerprint: "SHA256:" + base64.RawStdEncoding.EncodeToString(sum), password: pw}
}

// selfSigned makes a certificate for 127.0.0.1 and returns it, its key and
// the sha256 of the certificate.
func selfSigned(t *testing.T) (certPEM, keyPEM, sum []byte) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	s := sha256.Sum256(der)
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), s[:]
}

// cutProxy forwards TCP connections to target and cuts the first one after
// first bytes from the client, and every later one after later bytes (never
// when later is negative), as a line that drops does.
type cutProxy struct {
	port         int
	mu           sync.Mutex
	n            int
	first, later int64
}

func startProxy(t *testing.T, target int, first, later int64) *cutProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{port: l.Addr().(*net.TCPAddr).Port, first: first, later: later}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			limit := p.later
			if p.n == 0 {
				limit = p.first
			}
			p.n++
			p.mu.Unlock()
			go p.serve(c, target, limit)
		}
	}()
	return p
}

func (p *cutProxy) serve(c net.Conn, target int, limit int64) {
	defer c.Close()
	s, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", target))
	if err != nil {
		return
	}
	defer s.Close()
	go func() { io.Copy(c, s); c.Close() }()
	if limit >= 0 {
		io.CopyN(s, c, limit)
		return // both ends closed by the defers
	}
	io.Copy(s, c)
}
