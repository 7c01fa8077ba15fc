// Command krachtpunt builds the website of a neighbourhood centre from the
// Markdown that its volunteers write.
//
//	go run ./generator build [--site DIR] [--out DIR] [--today YYYY-MM-DD]
//	go run ./generator check [--site DIR] [--today YYYY-MM-DD]
//	go run ./generator new activity|story|page NAME [--site DIR]
//	go run ./generator serve [--site DIR] [--port N] [--bind ADDR] [--today YYYY-MM-DD]
//	go run ./generator publish [--site DIR] [--dry-run] [--yes] [--no-build]
//
// Exit codes: 0 when all went well, 1 when the content has problems, 2 for
// wrong usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

// errUsage marks a mistake on the command line.
var errUsage = errors.New("usage")

// errContent marks a build that stopped on problems in the content; they
// have been printed already.
var errContent = errors.New("content problems")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `Krachtpunt builds the website of a neighbourhood centre.

Usage:
  go run ./generator build [--site DIR] [--out DIR] [--today YYYY-MM-DD]
  go run ./generator check [--site DIR] [--today YYYY-MM-DD]
  go run ./generator new activity|story|page NAME [--site DIR]
  go run ./generator serve [--site DIR] [--port N] [--bind ADDR] [--today YYYY-MM-DD]
  go run ./generator publish [--site DIR] [--dry-run] [--yes] [--no-build]

Run "go run ./generator COMMAND --help" for the options of a command.
`

// run executes one command and maps its outcome to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "build":
		err = cmdBuild(ctx, args[1:], stdout, stderr, true)
	case "check":
		err = cmdBuild(ctx, args[1:], stdout, stderr, false)
	case "new":
		err = cmdNew(args[1:], stdout, stderr)
	case "serve":
		err = cmdServe(ctx, args[1:], stdout, stderr)
	case "publish":
		err = cmdPublish(ctx, args[1:], stdout, stderr, osPublishEnv())
	case "-h", "--help", "-help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.Is(err, errContent):
		return exitContent
	}
	fmt.Fprintln(stderr, "krachtpunt:", err)
	return exitContent
}

// parse parses a subcommand's flags, turning mistakes into errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
