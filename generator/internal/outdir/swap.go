package outdir

import (
	"errors"
	"fmt"
	"io/fs"
)

// errNoExchange says that the operating system or the file system cannot
// exchange two folders in one step.
var errNoExchange = errors.New("exchanging folders is not supported")

// swap puts the staging folder in place of the output folder and returns
// where the previous site now is ("" when there was none).
func (d *Dir) swap() (old string, err error) {
	d.tell("swap")
	switch err := d.exchange(d.staging, d.target); {
	case err == nil:
		d.tell("exchanged")
		return d.staging, nil
	case errors.Is(err, fs.ErrNotExist):
		return "", d.first()
	case !errors.Is(err, errNoExchange):
		return "", fmt.Errorf("swapping the new site in for %s: %w", d.target, err)
	}
	// Two renames, with the output folder missing in between.
	if err := d.rename(d.target, d.aside); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", d.first()
		}
		return "", fmt.Errorf("moving the previous site %s aside: %w", d.target, err)
	}
	d.tell("aside")
	if err := d.rename(d.staging, d.target); err != nil {
		if rerr := d.rename(d.aside, d.target); rerr != nil {
			// Open puts it back before the next build.
			return "", fmt.Errorf("putting the new site in %s: %w; the previous site is in %s", d.target, err, d.aside)
		}
		return "", fmt.Errorf("putting the new site in %s: %w", d.target, err)
	}
	d.tell("renamed")
	return d.aside, nil
}

// first puts the staging folder in place when there is no output folder yet.
func (d *Dir) first() error {
	if err := d.rename(d.staging, d.target); err != nil {
		return fmt.Errorf("putting the new site in %s: %w", d.target, err)
	}
	d.tell("renamed")
	return nil
}

func (d *Dir) tell(step string) {
	if d.step != nil {
		d.step(step)
	}
}
