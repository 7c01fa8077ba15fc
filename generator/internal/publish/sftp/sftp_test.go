package sftp

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/publish"
)

func TestSilentServerTimesOut(t *testing.T) {
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
	port := l.Addr().(*net.TCPAddr).Port
	for _, method := range []string{"sftp"} {
		p := &config.Publish{Method: method, Host: "127.0.0.1", Port: port, User: "u", Path: "/"}
		c := Connect(p, publish.Access{Timeout: 200 * time.Millisecond, Password: func() (string, error) { return "pw", nil }})
		start := time.Now()
		_, err := c(context.Background())
		var e *publish.Error
		if !errors.As(err, &e) || e.Kind != publish.Network {
			t.Errorf("%s: a silent server gives %v, want a network error", method, err)
		}
		if time.Since(start) > 10*time.Second {
			t.Errorf("%s: the timeout was not used", method)
		}
	}
}
