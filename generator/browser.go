package main

// openBrowser opens url in the computer's web browser. Tests replace it.
var openBrowser = openURL

// openURL starts the browser with url and does not wait for it.
func openURL(url string) error {
	cmd := browserCommand(url)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // the browser's exit says nothing about the preview
	return nil
}
