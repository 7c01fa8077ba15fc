package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf siteFlags
	sf.register(fs)
	fs.Int("port", 1313, "the `port` to serve on; the next free one is used when it is taken")
	fs.String("bind", "127.0.0.1", "the `address` to listen on; only this computer by default")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: go run ./generator serve [--site DIR] [--port N] [--bind ADDR] [--today YYYY-MM-DD]\n\nServes a preview of the site that rebuilds on every save.\n\n")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "serve: not yet")
	return nil
}
