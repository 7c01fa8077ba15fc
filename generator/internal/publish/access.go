package publish

import (
	"context"
	"net"
	"path"
	"strconv"
	"sync"
	"time"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/diag"
)

// Access is what a transport needs besides [publish]: how to get the
// secrets and where the SSH files are. Nothing in it is ever printed.
type Access struct {
	// Password returns the password; it is asked for at most once, and
	// only when the server wants one.
	Password func() (string, error)
	// KnownHosts is the known_hosts file of the user ("" for none).
	KnownHosts string
	// AgentSocket is the SSH agent's socket ("" for none).
	AgentSocket string
	// KeyFiles are private keys to offer, as ~/.ssh/id_ed25519; files that
	// do not exist are skipped.
	KeyFiles []string
	// Dial opens a connection (default: a net.Dialer with Timeout).
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// Timeout is how long the server may keep silent (default 30 s).
	Timeout time.Duration
	// Warn receives warnings, such as a password sent without encryption.
	Warn func(diag.Text)
}

// Address is the place a publish goes to, for messages:
// "sftp://buurthuis@ftp.example.nl:2222/public_html". It holds no secret.
func Address(p *config.Publish) string {
	if p.Method == "folder" {
		return p.Path
	}
	dir := path.Clean(p.Path)
	if !path.IsAbs(dir) {
		dir = "/~/" + dir // relative to the folder the server logs in to
	}
	return p.Method + "://" + p.User + "@" + net.JoinHostPort(p.Host, strconv.Itoa(p.Port)) + dir
}

// WithDefaults fills in what is not set: a 30 s timeout, a plain dialer,
// and a password that is asked for only once.
func (a Access) WithDefaults() Access {
	if a.Timeout <= 0 {
		a.Timeout = 30 * time.Second
	}
	if a.Dial == nil {
		d := &net.Dialer{Timeout: a.Timeout}
		a.Dial = d.DialContext
	}
	a.Password = once(a.Password)
	return a
}

// once asks for the password the first time only.
func once(f func() (string, error)) func() (string, error) {
	var (
		mu   sync.Mutex
		done bool
		pw   string
		err  error
	)
	return func() (string, error) {
		mu.Lock()
		defer mu.Unlock()
		if f == nil {
			return "", ErrNoPassword
		}
		if !done {
			pw, err = f()
			done = err == nil
		}
		return pw, err
	}
}

// idleConn ends a connection that keeps silent longer than timeout, so a
// server that hangs gives a timeout instead of a publish that never ends.
type idleConn struct {
	net.Conn
	timeout time.Duration
}

func (c *idleConn) Read(b []byte) (int, error) {
	c.Conn.SetReadDeadline(time.Now().Add(c.timeout))
	return c.Conn.Read(b)
}

func (c *idleConn) Write(b []byte) (int, error) {
	c.Conn.SetWriteDeadline(time.Now().Add(c.timeout))
	return c.Conn.Write(b)
}

// DialIdle opens a connection to addr that fails when the server keeps
// silent longer than a.Timeout.
func DialIdle(ctx context.Context, a Access, addr string) (net.Conn, error) {
	c, err := a.Dial(ctx, "tcp", addr)
	if err != nil {
		return nil, &Error{Kind: Network, Op: "connect", File: "", Err: err}
	}
	return &idleConn{Conn: c, timeout: a.Timeout}, nil
}
