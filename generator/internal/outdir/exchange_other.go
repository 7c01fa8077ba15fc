//go:build !linux && !darwin

package outdir

// exchange reports that this operating system cannot swap two folders in
// one step; the swap then uses two renames.
func exchange(a, b string) error { return errNoExchange }
