// Package publishtest holds checks that every transport of package publish
// must pass, for the transports' own tests.
package publishtest

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/publish"
)

// SilentServerTimesOut checks that connect, given a server on loopback that
// accepts the connection and then says nothing, gives up after the access's
// timeout with a network error instead of hanging.
func SilentServerTimesOut(t *testing.T, method string, connect func(*config.Publish, publish.Access) publish.Connector) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close() // accept, and say nothing
		}
	}()
	p := &config.Publish{Method: method, Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, User: "u", Path: "/"}
	c := connect(p, publish.Access{Timeout: 200 * time.Millisecond, Password: func() (string, error) { return "pw", nil }})
	start := time.Now()
	_, err = c(context.Background())
	var e *publish.Error
	if !errors.As(err, &e) || e.Kind != publish.Network {
		t.Errorf("%s: a silent server gives %v, want a network error", method, err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("%s: the timeout was not used", method)
	}
}
