package main

import "os/exec"

// browserCommand opens url with the program Windows has for web addresses.
// rundll32 needs no console window and takes the URL as it is, unlike
// "cmd /c start", which would read & in a URL as a command separator.
func browserCommand(url string) *exec.Cmd {
	return exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
}
