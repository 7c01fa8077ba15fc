//go:build !windows && !darwin

package main

import "os/exec"

// browserCommand opens url with the desktop's browser on Linux and other
// Unix systems.
func browserCommand(url string) *exec.Cmd {
	return exec.Command("xdg-open", url)
}
