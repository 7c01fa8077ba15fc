package ftp

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/publish"
	"krachtpunt/generator/internal/publish/publishtest"
)

func TestSilentServerTimesOut(t *testing.T) {
	publishtest.SilentServerTimesOut(t, "ftps", Connect)
}

func TestFTPSToServerWithoutTLS(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		fmt.Fprint(c, "220 plain FTP only\r\n")
		buf := make([]byte, 100)
		c.Read(buf) // AUTH TLS
		fmt.Fprint(c, "502 Command not implemented\r\n")
		c.Read(buf)
	}()
	p := &config.Publish{Method: "ftps", Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, User: "u", Path: "/"}
	c := Connect(p, publish.Access{Timeout: 2 * time.Second, Password: func() (string, error) { return "pw", nil }})
	_, err = c(context.Background())
	var e *publish.Error
	if !errors.As(err, &e) || e.Kind != publish.Plain {
		t.Fatalf("ftps to a plain server: %v", err)
	}
	if got := e.Text().In("en"); !strings.HasPrefix(got, "the server offers no encrypted connection (FTPS)\n") {
		t.Errorf("message %q", got)
	}
}

func TestFingerprintForms(t *testing.T) {
	sum := make([]byte, 32)
	for i := range sum {
		sum[i] = byte(i)
	}
	for _, s := range []string{
		"SHA256:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8",
		"SHA256:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
		"00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F",
		"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	} {
		if !fingerprintMatches(s, sum) {
			t.Errorf("%s does not match", s)
		}
	}
	if fingerprintMatches("SHA256:AAAA", sum) {
		t.Errorf("a wrong fingerprint matches")
	}
}

// TestCertificateFromSystemRoots checks a certificate against the system's
// roots, here a file named by SSL_CERT_FILE, as Go reads it on Linux.
func TestCertificateFromSystemRoots(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ftp.example.nl"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		DNSNames: []string{"ftp.example.nl"}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	file := filepath.Join(t.TempDir(), "roots.pem")
	os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	t.Setenv("SSL_CERT_FILE", file)
	t.Setenv("SSL_CERT_DIR", t.TempDir())
	cs := tls.ConnectionState{PeerCertificates: []*x509.Certificate{cert}}
	if e := verifyCert(&config.Publish{Host: "ftp.example.nl"}, cs); e != nil {
		t.Errorf("a certificate from the system's roots is refused: %v", e)
	}
	if e := verifyCert(&config.Publish{Host: "ftp.andere.nl"}, cs); e == nil || e.Kind != publish.Certificate || e.Fingerprint == "" {
		t.Errorf("a certificate for another host: %v", e)
	}
}
