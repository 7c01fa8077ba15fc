package sftp

import (
	"testing"

	"krachtpunt/generator/internal/publish/publishtest"
)

func TestSilentServerTimesOut(t *testing.T) {
	publishtest.SilentServerTimesOut(t, "sftp", Connect)
}
