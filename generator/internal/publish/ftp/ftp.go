// Package ftp publishes over FTP with explicit TLS (FTPS, with
// github.com/jlaffaye/ftp): TLS on the control and every data connection,
// resuming the control connection's TLS session as servers such as vsftpd
// require; plain FTP only when site.toml names it.
package ftp

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/textproto"
	"path"
	"strconv"
	"strings"

	ftplib "github.com/jlaffaye/ftp"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/publish"
)

// Connect connects with FTP, for "ftps" with explicit TLS (AUTH TLS) on
// the control connection and TLS on every data connection, resuming the
// control connection's TLS session as servers such as vsftpd require.
func Connect(p *config.Publish, a publish.Access) publish.Connector {
	a = a.WithDefaults()
	return func(ctx context.Context) (publish.Remote, error) {
		addr := net.JoinHostPort(p.Host, strconv.Itoa(p.Port))
		var tlsCfg *tls.Config
		var certErr *publish.Error
		if p.Method == "ftps" {
			tlsCfg = &tls.Config{
				ServerName:         p.Host,
				MinVersion:         tls.VersionTLS12,
				ClientSessionCache: tls.NewLRUClientSessionCache(8),
				// Verified below, so that a refused certificate can show
				// its fingerprint.
				InsecureSkipVerify: true,
				VerifyConnection: func(cs tls.ConnectionState) error {
					certErr = verifyCert(p, cs)
					if certErr != nil {
						return certErr
					}
					return nil
				},
			}
		} else if a.Warn != nil {
			a.Warn(diag.T("waarschuwing: method = \"ftp\" stuurt het wachtwoord en de bestanden leesbaar over het net. Gebruik sftp of ftps als je webhost dat kan.",
				"warning: method = \"ftp\" sends the password and the files readable over the network. Use sftp or ftps if your web host can."))
		}
		first := true
		dialFunc := func(network, address string) (net.Conn, error) {
			c, err := publish.DialIdle(ctx, a, address)
			if err != nil {
				return nil, err
			}
			if first || tlsCfg == nil {
				first = false
				return c, nil
			}
			return tls.Client(c, tlsCfg), nil // a data connection
		}
		opts := []ftplib.DialOption{ftplib.DialWithContext(ctx), ftplib.DialWithTimeout(a.Timeout), ftplib.DialWithShutTimeout(a.Timeout),
			ftplib.DialWithDialFunc(dialFunc), ftplib.DialWithForceListHidden(true)}
		if tlsCfg != nil {
			opts = append(opts, ftplib.DialWithExplicitTLS(tlsCfg))
		}
		c, err := ftplib.Dial(addr, opts...)
		if err != nil {
			var te *textproto.Error
			switch {
			case certErr != nil:
				return nil, certErr
			case errors.As(err, &te) && tlsCfg != nil:
				return nil, &publish.Error{Kind: publish.Plain, Op: "connect", Err: err}
			}
			return nil, &publish.Error{Kind: publish.Network, Op: "connect", Err: err}
		}
		pw, err := a.Password()
		if err != nil {
			c.Quit()
			return nil, &publish.Error{Kind: publish.NoPassword, Op: "login", Err: err}
		}
		if err := c.Login(p.User, pw); err != nil {
			c.Quit()
			var te *textproto.Error
			if msg := err.Error(); tlsCfg == nil && (strings.Contains(strings.ToLower(msg), "encrypt") || strings.Contains(msg, "SSL") || strings.Contains(msg, "TLS")) {
				return nil, &publish.Error{Kind: publish.NeedTLS, Op: "login", Err: err}
			}
			if errors.As(err, &te) && te.Code == ftplib.StatusNotLoggedIn || strings.Contains(err.Error(), "530") {
				return nil, &publish.Error{Kind: publish.Login, Op: "login", Err: errors.New("the server refused the login")}
			}
			if certErr != nil {
				return nil, certErr
			}
			return nil, &publish.Error{Kind: publish.KindOf(err), Op: "login", Err: ftpErr(err)}
		}
		root := path.Clean(p.Path)
		if !path.IsAbs(root) {
			// A relative path starts at the folder the server logs in to.
			wd, err := c.CurrentDir()
			if err != nil {
				c.Quit()
				return nil, &publish.Error{Kind: publish.KindOf(err), Op: "connect", Err: ftpErr(err)}
			}
			root = path.Join(wd, root)
		}
		return &ftpRemote{c: c, root: root, shown: p.Path}, nil
	}
}

// verifyCert checks the server's certificate against tls_fingerprint, or
// against the system's roots and the host name.
func verifyCert(p *config.Publish, cs tls.ConnectionState) *publish.Error {
	if len(cs.PeerCertificates) == 0 {
		return &publish.Error{Kind: publish.Certificate, Op: "connect", Err: errors.New("no certificate")}
	}
	leaf := cs.PeerCertificates[0]
	sum := sha256.Sum256(leaf.Raw)
	fp := "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
	if p.TLSFingerprint != "" {
		if fingerprintMatches(p.TLSFingerprint, sum[:]) {
			return nil
		}
		return &publish.Error{Kind: publish.Certificate, Op: "connect", Fingerprint: fp, Err: errors.New("certificate does not match tls_fingerprint")}
	}
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	if _, err := leaf.Verify(x509.VerifyOptions{DNSName: p.Host, Intermediates: inter}); err != nil {
		return &publish.Error{Kind: publish.Certificate, Op: "connect", Fingerprint: fp, Err: err}
	}
	return nil
}

// fingerprintMatches accepts "SHA256:<base64>" as ssh-keygen writes it, and
// hexadecimal with or without colons as browsers and openssl write it.
func fingerprintMatches(want string, sum []byte) bool {
	w := strings.TrimSpace(want)
	if b, ok := strings.CutPrefix(w, "SHA256:"); ok {
		if strings.TrimRight(b, "=") == base64.RawStdEncoding.EncodeToString(sum) {
			return true
		}
		w = b
	}
	w = strings.ToLower(strings.NewReplacer(":", "", " ", "").Replace(w))
	return w == hex.EncodeToString(sum)
}

type ftpRemote struct {
	c     *ftplib.ServerConn
	root  string
	shown string
}

func (r *ftpRemote) path(name string) string { return path.Join(r.root, name) }

// ftpErr turns an FTP reply into an *publish.Error of its Kind.
func ftpErr(err error) error {
	if err == nil {
		return nil
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		switch te.Code {
		case 452, 552:
			return &publish.Error{Kind: publish.Full, Err: err}
		case 530:
			return &publish.Error{Kind: publish.Login, Err: err}
		case 550, 553:
			msg := strings.ToLower(te.Msg)
			if strings.Contains(msg, "no such") || strings.Contains(msg, "not found") || strings.Contains(msg, "failed to change directory") {
				return &publish.Error{Kind: publish.NotFound, Err: err}
			}
			if strings.Contains(msg, "permission") || strings.Contains(msg, "denied") || strings.Contains(msg, "could not create") {
				return &publish.Error{Kind: publish.Permission, Err: err}
			}
		case 421, 425, 426:
			return &publish.Error{Kind: publish.Network, Err: err}
		}
		return err
	}
	return &publish.Error{Kind: publish.KindOf(err), Err: err}
}

func (r *ftpRemote) List(ctx context.Context) (*publish.Listing, error) {
	if err := r.c.ChangeDir(r.root); err != nil {
		if err = ftpErr(err); !publish.Is(err, publish.Network) {
			err = &publish.Error{Kind: publish.NotFound, Err: err}
		}
		return nil, publish.Failed("list", r.shown, err)
	}
	l := &publish.Listing{Files: map[string]publish.Entry{}, Dirs: map[string]bool{}}
	var walk func(rel string) error
	walk = func(rel string) error {
		entries, err := r.c.List(r.path(rel))
		if err != nil {
			return publish.Failed("list", path.Join(r.shown, rel), ftpErr(err))
		}
		for _, e := range entries {
			if e.Name == "." || e.Name == ".." || e.Name == "" {
				continue
			}
			name := path.Join(rel, e.Name)
			switch e.Type {
			case ftplib.EntryTypeFolder:
				l.Dirs[name] = true
				if err := walk(name); err != nil {
					return err
				}
			case ftplib.EntryTypeFile:
				l.Files[name] = publish.Entry{Size: int64(e.Size)}
			}
		}
		return ctx.Err()
	}
	if err := walk(""); err != nil {
		return nil, err
	}
	return l, nil
}

func (r *ftpRemote) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	resp, err := r.c.Retr(r.path(name))
	if err != nil {
		return nil, ftpErr(err)
	}
	return resp, nil
}

func (r *ftpRemote) Put(ctx context.Context, name string, src io.Reader) error {
	return ftpErr(r.c.Stor(r.path(name), src))
}

func (r *ftpRemote) Rename(ctx context.Context, from, to string) error {
	err := r.c.Rename(r.path(from), r.path(to))
	if err == nil || publish.Is(ftpErr(err), publish.Network) {
		return ftpErr(err)
	}
	// Some servers do not rename over an existing file: the old one has to
	// go first, a short moment without the file, never half a file.
	if _, serr := r.c.FileSize(r.path(to)); serr != nil {
		return ftpErr(err)
	}
	if derr := r.c.Delete(r.path(to)); derr != nil {
		return ftpErr(err)
	}
	return ftpErr(r.c.Rename(r.path(from), r.path(to)))
}

func (r *ftpRemote) Stat(ctx context.Context, name string) (publish.Entry, error) {
	n, err := r.c.FileSize(r.path(name))
	if err != nil {
		return publish.Entry{}, ftpErr(err)
	}
	return publish.Entry{Size: n}, nil
}

func (r *ftpRemote) Remove(ctx context.Context, name string) error {
	return ftpErr(r.c.Delete(r.path(name)))
}

func (r *ftpRemote) Mkdir(ctx context.Context, name string) error {
	err := r.c.MakeDir(r.path(name))
	if err != nil {
		if r.c.ChangeDir(r.path(name)) == nil {
			return nil
		}
	}
	return ftpErr(err)
}

func (r *ftpRemote) RemoveDir(ctx context.Context, name string) error {
	return ftpErr(r.c.RemoveDir(r.path(name)))
}

func (r *ftpRemote) Close() error { return r.c.Quit() }
