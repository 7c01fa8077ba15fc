package config

import (
	"strings"

	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
)

// Publish is the [publish] table: where `publish` uploads public/. It never
// holds a secret: the password comes from the environment or the terminal.
type Publish struct {
	Method         string // "sftp", "ftps", "ftp" or "folder"
	Host           string
	Port           int // 0: the method's default
	User           string
	Path           string // the folder on the server that the web address shows
	HostKey        string // sftp: "SHA256:..." fingerprint of the server's key
	TLSFingerprint string // ftps: fingerprint of a pinned certificate
	Key            string // sftp: a private key file, when not in the agent or ~/.ssh
}

// DefaultPort returns the port used when site.toml names none.
func (p *Publish) DefaultPort() int {
	switch p.Method {
	case "sftp":
		return 22
	case "ftps", "ftp":
		return 21
	}
	return 0
}

var (
	fPublish        = decode.F("publish", "")
	fMethod         = decode.F("method", "")
	fHost           = decode.F("host", "")
	fPort           = decode.F("port", "")
	fUser           = decode.F("user", "")
	fPath           = decode.F("path", "")
	fHostKey        = decode.F("host_key", "")
	fTLSFingerprint = decode.F("tls_fingerprint", "")
	fKey            = decode.F("key", "")
)

// secretKeys are keys a volunteer may try for the password; each is refused.
var secretKeys = []string{"password", "wachtwoord", "pass", "passwd", "secret", "passphrase"}

func loadPublish(t *decode.Table) *Publish {
	if t == nil {
		return nil
	}
	p := &Publish{
		Method:         strings.ToLower(strings.TrimSpace(t.String(fMethod))),
		Host:           strings.TrimSpace(t.String(fHost)),
		User:           t.String(fUser),
		Path:           strings.TrimSpace(t.String(fPath)),
		HostKey:        strings.TrimSpace(t.String(fHostKey)),
		TLSFingerprint: strings.TrimSpace(t.String(fTLSFingerprint)),
		Key:            strings.TrimSpace(t.String(fKey)),
	}
	for _, k := range secretKeys {
		if t.Raw(k) != nil {
			// Known, so Done does not report it a second time.
			t.Diags().Errorf(t.Pos(k), "secret-in-site-toml",
				diag.T("een wachtwoord hoort niet in site.toml", "a password does not belong in site.toml"),
				diag.T("Haal deze regel weg (en kies een nieuw wachtwoord als de site in git staat). Zet het wachtwoord in KRACHTPUNT_PASSWORD of typ het als publish erom vraagt.",
					"Remove this line (and choose a new password if the site is in git). Put the password in KRACHTPUNT_PASSWORD or type it when publish asks for it."))
			if _, isText := t.Raw(k).(string); isText {
				t.String(decode.F(k, ""))
			}
		}
	}
	switch p.Method {
	case "sftp", "ftps", "ftp", "folder":
	case "":
		t.Missing(fMethod, `"sftp"`)
	default:
		t.Errorf(fMethod, "bad-publish-method",
			diag.T("method = %q kennen we niet", "method = %q is not known", p.Method),
			diag.T(`Kies "sftp", "ftps", "ftp" of "folder". Vraag je webhost welke het ondersteunt; sftp of ftps is veilig.`,
				`Choose "sftp", "ftps", "ftp" or "folder". Ask your web host which it supports; sftp or ftps is safe.`))
	}
	if port, ok := t.Int(fPort); ok {
		if port < 1 || port > 65535 {
			t.Errorf(fPort, "bad-port",
				diag.T("port = %d bestaat niet", "port = %d does not exist", port),
				diag.T("Een poort is een getal van 1 tot 65535; laat port weg voor de gewone poort (22 voor sftp, 21 voor ftp).",
					"A port is a number from 1 to 65535; leave port out for the usual one (22 for sftp, 21 for ftp)."))
		} else {
			p.Port = port
		}
	}
	if p.Port == 0 {
		p.Port = p.DefaultPort()
	}
	if p.Method != "folder" && p.Method != "" {
		if p.Host == "" {
			t.Missing(fHost, `"ftp.example.nl"`)
		} else if strings.Contains(p.Host, "://") || strings.ContainsAny(p.Host, "/ ") {
			t.Errorf(fHost, "bad-host",
				diag.T("host = %q is geen servernaam", "host = %q is not a server name", p.Host),
				diag.T(`Schrijf alleen de naam van de server, zonder sftp:// of mappen: host = "ftp.example.nl".`,
					`Write only the server's name, without sftp:// or folders: host = "ftp.example.nl".`))
		}
		if p.User == "" {
			t.Missing(fUser, `"buurthuis"`)
		}
	}
	if p.Path == "" {
		t.Missing(fPath, `"/public_html"`)
	}
	if p.HostKey != "" && !strings.HasPrefix(p.HostKey, "SHA256:") {
		t.Errorf(fHostKey, "bad-host-key",
			diag.T("host_key = %q is geen vingerafdruk zoals SHA256:...", "host_key = %q is not a fingerprint like SHA256:...", p.HostKey),
			diag.T("Neem de SHA256-vingerafdruk over uit het controlepaneel van je webhost, met SHA256: ervoor.",
				"Copy the SHA256 fingerprint from your web host's control panel, with SHA256: in front."))
	}
	t.Done()
	return p
}
