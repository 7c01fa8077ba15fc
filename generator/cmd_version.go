package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version and commit name the release. The release build sets them with
// -ldflags "-X main.version=v1.2.0 -X main.commit=<hash>"; otherwise they
// come from the build information Go records in the binary.
var (
	version = ""
	commit  = ""
)

// versionLine returns the line `krachtpunt version` prints, such as
// "krachtpunt v1.2.0 (commit 1f2e3d4c5b6a, windows/amd64)".
func versionLine(info *debug.BuildInfo, ok bool) string {
	v, c, modified := version, commit, false
	if ok {
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if c == "" {
					c = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true" && commit == ""
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	line := "krachtpunt " + v
	if c != "" {
		if len(c) > 12 {
			c = c[:12]
		}
		if modified {
			c += ", with changes not yet committed"
		}
		line += " (commit " + c + ", " + runtime.GOOS + "/" + runtime.GOARCH + ")"
	} else {
		line += " (" + runtime.GOOS + "/" + runtime.GOARCH + ")"
	}
	return line
}

func cmdVersion(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return fmt.Errorf("%w: version takes no arguments", errUsage)
	}
	info, ok := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(info, ok))
	return nil
}
