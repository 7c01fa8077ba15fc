// Package sftp publishes over SFTP (github.com/pkg/sftp over
// golang.org/x/crypto/ssh): the server's key is checked against host_key or
// known_hosts, and the login uses the SSH agent, key files or the password.
package sftp

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path"
	"strconv"
	"strings"

	sftplib "github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/publish"
)

// Connect connects over SSH, checking the server's key against
// host_key or known_hosts, and logs in with the agent, a key or the password.
func Connect(p *config.Publish, a publish.Access) publish.Connector {
	a = a.WithDefaults()
	return func(ctx context.Context) (publish.Remote, error) {
		a := a // this connection's own password callback, below
		addr := net.JoinHostPort(p.Host, strconv.Itoa(p.Port))
		conn, err := publish.DialIdle(ctx, a, addr)
		if err != nil {
			return nil, err
		}
		stop := context.AfterFunc(ctx, func() { conn.Close() })
		defer stop()
		var keyErr *publish.Error
		noPassword := false
		password := a.Password
		a.Password = func() (string, error) {
			pw, err := password()
			if err != nil {
				noPassword = true
			}
			return pw, err
		}
		cfg := &ssh.ClientConfig{
			User: p.User,
			Auth: authMethods(a),
			HostKeyCallback: func(host string, remote net.Addr, key ssh.PublicKey) error {
				keyErr = checkHostKey(p, a, host, remote, key)
				if keyErr != nil {
					return keyErr
				}
				return nil
			},
			Timeout: a.Timeout,
		}
		c, chans, reqs, err := ssh.NewClientConn(conn, addr, cfg)
		if err != nil {
			conn.Close()
			switch {
			case keyErr != nil:
				return nil, keyErr
			case noPassword:
				return nil, &publish.Error{Kind: publish.NoPassword, Op: "login", Err: errors.New("no password")}
			case strings.Contains(err.Error(), "unable to authenticate"):
				return nil, &publish.Error{Kind: publish.Login, Op: "login", Err: errors.New("the server refused the login")}
			}
			return nil, &publish.Error{Kind: publish.Network, Op: "connect", Err: err}
		}
		client := ssh.NewClient(c, chans, reqs)
		sc, err := sftplib.NewClient(client)
		if err != nil {
			client.Close()
			return nil, &publish.Error{Kind: publish.Other, Op: "connect", Err: err}
		}
		root := path.Clean(p.Path)
		if !path.IsAbs(root) {
			// A relative path starts at the folder the server logs in to.
			wd, err := sc.Getwd()
			if err != nil {
				client.Close()
				return nil, &publish.Error{Kind: publish.Other, Op: "connect", Err: err}
			}
			root = path.Join(wd, root)
		}
		return &sftpRemote{ssh: client, c: sc, root: root, shown: p.Path,
			posix: hasExt(sc, "posix-rename@openssh.com")}, nil
	}
}

func hasExt(c *sftplib.Client, name string) bool {
	_, ok := c.HasExtension(name)
	return ok
}

// checkHostKey accepts the server's key when it is host_key, or, without
// host_key, when known_hosts knows it for this host.
func checkHostKey(p *config.Publish, a publish.Access, host string, remote net.Addr, key ssh.PublicKey) *publish.Error {
	fp := ssh.FingerprintSHA256(key)
	if p.HostKey != "" {
		if fp == p.HostKey {
			return nil
		}
		return &publish.Error{Kind: publish.HostKey, Op: "connect", Fingerprint: fp, Changed: true, Err: errors.New("host key does not match host_key")}
	}
	if a.KnownHosts != "" {
		if _, err := os.Stat(a.KnownHosts); err == nil {
			cb, err := knownhosts.New(a.KnownHosts)
			if err == nil {
				err = cb(host, remote, key)
				if err == nil {
					return nil
				}
				var ke *knownhosts.KeyError
				if errors.As(err, &ke) && len(ke.Want) > 0 {
					return &publish.Error{Kind: publish.HostKey, Op: "connect", Fingerprint: fp, Changed: true, Err: errors.New("host key differs from known_hosts")}
				}
			}
		}
	}
	return &publish.Error{Kind: publish.HostKey, Op: "connect", Fingerprint: fp, Err: errors.New("unknown host key")}
}

// authMethods offers the agent's keys and the key files first, and the
// password only when the server asks for it.
func authMethods(a publish.Access) []ssh.AuthMethod {
	var signers []ssh.Signer
	if a.AgentSocket != "" {
		if c, err := net.Dial("unix", a.AgentSocket); err == nil {
			if s, err := agent.NewClient(c).Signers(); err == nil {
				signers = append(signers, s...)
			}
		}
	}
	for _, f := range a.KeyFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if s, err := ssh.ParsePrivateKey(b); err == nil {
			signers = append(signers, s)
		}
	}
	var m []ssh.AuthMethod
	if len(signers) > 0 {
		m = append(m, ssh.PublicKeys(signers...))
	}
	if a.Password != nil {
		m = append(m, ssh.PasswordCallback(a.Password),
			ssh.KeyboardInteractive(func(name, instruction string, questions []string, echos []bool) ([]string, error) {
				answers := make([]string, len(questions))
				for i := range questions {
					pw, err := a.Password()
					if err != nil {
						return nil, err
					}
					answers[i] = pw
				}
				return answers, nil
			}))
	}
	return m
}

type sftpRemote struct {
	ssh   *ssh.Client
	c     *sftplib.Client
	root  string
	shown string // the path as site.toml writes it
	posix bool   // the server renames over an existing file
}

func (r *sftpRemote) path(name string) string { return path.Join(r.root, name) }

func sftpErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sftplib.ErrSSHFxConnectionLost) || strings.Contains(err.Error(), "connection lost") {
		return &publish.Error{Kind: publish.Network, Err: err}
	}
	var se *sftplib.StatusError
	if errors.As(err, &se) {
		switch se.FxCode() {
		case sftplib.ErrSSHFxNoSuchFile:
			return &publish.Error{Kind: publish.NotFound, Err: err}
		case sftplib.ErrSSHFxPermissionDenied:
			return &publish.Error{Kind: publish.Permission, Err: err}
		}
	}
	return err
}

func (r *sftpRemote) List(ctx context.Context) (*publish.Listing, error) {
	info, err := r.c.Stat(r.root)
	if err != nil {
		return nil, publish.Failed("list", r.shown, sftpErr(err))
	}
	if !info.IsDir() {
		return nil, &publish.Error{Kind: publish.NotFound, Op: "list", File: r.shown, Err: errors.New("not a folder")}
	}
	l := &publish.Listing{Files: map[string]publish.Entry{}, Dirs: map[string]bool{}}
	w := r.c.Walk(r.root)
	for w.Step() {
		if err := w.Err(); err != nil {
			return nil, publish.Failed("list", r.shown, sftpErr(err))
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(w.Path(), r.root), "/")
		if rel == "" {
			continue
		}
		st := w.Stat()
		switch {
		case st.IsDir():
			l.Dirs[rel] = true
		case st.Mode().IsRegular():
			l.Files[rel] = publish.Entry{Size: st.Size(), ModTime: st.ModTime()}
		}
	}
	return l, ctx.Err()
}

func (r *sftpRemote) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	f, err := r.c.Open(r.path(name))
	return f, sftpErr(err)
}

func (r *sftpRemote) Put(ctx context.Context, name string, src io.Reader) error {
	f, err := r.c.OpenFile(r.path(name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return sftpErr(err)
	}
	if _, err := f.ReadFrom(src); err != nil {
		f.Close()
		return sftpErr(err)
	}
	return sftpErr(f.Close())
}

func (r *sftpRemote) Rename(ctx context.Context, from, to string) error {
	if r.posix {
		return sftpErr(r.c.PosixRename(r.path(from), r.path(to)))
	}
	// Without posix-rename an existing file has to go first: a short
	// moment without the file, never half a file.
	if err := r.c.Rename(r.path(from), r.path(to)); err != nil {
		if rmErr := r.c.Remove(r.path(to)); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
			return sftpErr(err)
		}
		return sftpErr(r.c.Rename(r.path(from), r.path(to)))
	}
	return nil
}

func (r *sftpRemote) Stat(ctx context.Context, name string) (publish.Entry, error) {
	st, err := r.c.Stat(r.path(name))
	if err != nil {
		return publish.Entry{}, sftpErr(err)
	}
	return publish.Entry{Size: st.Size(), ModTime: st.ModTime()}, nil
}

func (r *sftpRemote) Remove(ctx context.Context, name string) error {
	return sftpErr(r.c.Remove(r.path(name)))
}

func (r *sftpRemote) Mkdir(ctx context.Context, name string) error {
	err := r.c.Mkdir(r.path(name))
	if err != nil {
		if st, serr := r.c.Stat(r.path(name)); serr == nil && st.IsDir() {
			return nil
		}
	}
	return sftpErr(err)
}

func (r *sftpRemote) RemoveDir(ctx context.Context, name string) error {
	return sftpErr(r.c.RemoveDirectory(r.path(name)))
}

func (r *sftpRemote) Close() error {
	r.c.Close()
	return r.ssh.Close()
}
