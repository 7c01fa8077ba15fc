package main

import "os/exec"

// browserCommand opens url with the browser macOS is set to use.
func browserCommand(url string) *exec.Cmd {
	return exec.Command("open", url)
}
