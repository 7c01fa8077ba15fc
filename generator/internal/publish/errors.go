package publish

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"syscall"
	"time"

	"krachtpunt/generator/internal/diag"
)

// Kind is what went wrong, as far as a volunteer needs to know.
type Kind int

const (
	// Other is anything not below.
	Other Kind = iota
	// Network is a connection that dropped, was refused or timed out;
	// retrying makes sense.
	Network
	// Login is a wrong user name or password, or a key the server refused.
	Login
	// HostKey is an SSH server whose key is not known or not the expected one.
	HostKey
	// Certificate is a TLS certificate that cannot be trusted.
	Certificate
	// NotFound is a file or folder that is not there.
	NotFound
	// Permission is an action the server does not allow this user.
	Permission
	// Full is a server whose disk or quota is full.
	Full
	// Plain is a server that offers no TLS to a method = "ftps".
	Plain
	// NeedTLS is a server that refuses a plain method = "ftp".
	NeedTLS
	// NoPassword is a server that wants a password when there is none to give.
	NoPassword
	// Busy is a server where another publish is at work.
	Busy
)

// ErrNoPassword is what Access.Password returns when it has no way to get one.
var ErrNoPassword = errors.New("no password")

// Error is a failed action on the server.
type Error struct {
	Kind Kind
	Op   string // "connect", "login", "list", "upload", "rename", "delete", ...
	File string // the file or folder concerned, "" for the connection
	// Fingerprint is the key or certificate the server showed, for HostKey
	// and Certificate.
	Fingerprint string
	// Changed is set for a HostKey that differs from the one known before.
	Changed bool
	// Since is when the other publish of a Busy began.
	Since time.Time
	Err   error
}

func (e *Error) Error() string {
	s := e.Op
	if e.File != "" {
		s += " " + e.File
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Retry reports whether trying again after a new connection makes sense.
func (e *Error) Retry() bool { return e.Kind == Network }

// Text says in plain words what went wrong and what to do.
func (e *Error) Text() diag.Text {
	file := diag.Text{NL: "", EN: ""}
	if e.File != "" {
		file = diag.T(" (bij %s)", " (at %s)", e.File)
	}
	var msg, hint diag.Text
	switch e.Kind {
	case Network:
		msg = diag.T("de verbinding met de server is verbroken of reageert niet%s", "the connection to the server dropped or does not answer%s", file)
		hint = diag.T("Controleer de internetverbinding, host en port in site.toml, en probeer het later opnieuw: publish gaat verder waar het stopte.",
			"Check the internet connection, host and port in site.toml, and try again later: publish carries on where it stopped.")
	case Login:
		msg = diag.T("de server weigert de gebruikersnaam of het wachtwoord", "the server refuses the user name or password")
		hint = diag.T("Controleer user in site.toml en het wachtwoord (KRACHTPUNT_PASSWORD, of typ het opnieuw). Je webhost kan het wachtwoord opnieuw instellen.",
			"Check user in site.toml and the password (KRACHTPUNT_PASSWORD, or type it again). Your web host can reset the password.")
	case HostKey:
		if e.Changed {
			msg = diag.T("de sleutel van de server is veranderd: hij toont nu %s", "the server's key has changed: it now shows %s", e.Fingerprint)
			hint = diag.T("Dit kan een andere server zijn dan je denkt. Vraag je webhost of de sleutel echt veranderd is; zo ja, zet host_key = %q in [publish] in site.toml.",
				"This may be another server than you think. Ask your web host whether the key really changed; if so, put host_key = %q in [publish] in site.toml.", e.Fingerprint)
		} else {
			msg = diag.T("de sleutel van de server is onbekend: %s", "the server's key is unknown: %s", e.Fingerprint)
			hint = diag.T("Vergelijk deze vingerafdruk met die in het controlepaneel van je webhost (bij SSH of SFTP). Klopt hij, zet dan host_key = %q in [publish] in site.toml.",
				"Compare this fingerprint with the one in your web host's control panel (under SSH or SFTP). If it matches, put host_key = %q in [publish] in site.toml.", e.Fingerprint)
		}
	case Certificate:
		msg = diag.T("het certificaat van de server is niet te vertrouwen (vingerafdruk %s)", "the server's certificate cannot be trusted (fingerprint %s)", e.Fingerprint)
		hint = diag.T("Gebruikt je webhost een eigen certificaat, vergelijk dan deze vingerafdruk met die in het controlepaneel en zet tls_fingerprint = %q in [publish] in site.toml.",
			"If your web host uses a certificate of its own, compare this fingerprint with the one in its control panel and put tls_fingerprint = %q in [publish] in site.toml.", e.Fingerprint)
	case NotFound:
		msg = diag.T("%s bestaat niet op de server", "%s does not exist on the server", e.File)
		hint = diag.T("Controleer path in [publish] in site.toml: het is de map die je webadres laat zien, zoals \"/public_html\" of \"/www\".",
			"Check path in [publish] in site.toml: it is the folder your web address shows, such as \"/public_html\" or \"/www\".")
	case Permission:
		msg = diag.T("de server staat niet toe dat we %s", "the server does not allow us to %s", action(e.Op, e.File))
		hint = diag.T("Controleer path in site.toml, en vraag je webhost of deze gebruiker in die map mag schrijven.",
			"Check path in site.toml, and ask your web host whether this user may write in that folder.")
	case Full:
		msg = diag.T("de server is vol: %s kon niet geschreven worden", "the server is full: %s could not be written", e.File)
		hint = diag.T("Ruim oude bestanden op in het controlepaneel van je webhost, of vraag om meer ruimte. Daarna gaat publish verder waar het stopte.",
			"Clean up old files in your web host's control panel, or ask for more space. Then publish carries on where it stopped.")
	case Plain:
		msg = diag.T("de server biedt geen versleutelde verbinding (FTPS) aan", "the server offers no encrypted connection (FTPS)")
		hint = diag.T("Vraag je webhost om sftp of ftps. Alleen als dat echt niet kan: method = \"ftp\" (het wachtwoord gaat dan leesbaar over het net).",
			"Ask your web host for sftp or ftps. Only if that is really impossible: method = \"ftp\" (the password then travels readable).")
	case Busy:
		msg = diag.T("er is al een publish bezig op deze server, sinds %s UTC", "another publish is at work on this server, since %s UTC", e.Since.UTC().Format("2006-01-02 15:04"))
		hint = diag.T("Wacht tot die klaar is en probeer het dan opnieuw. Is er niemand bezig? Na twee uur vervalt dit vanzelf; of haal %s weg op de server.",
			"Wait until it is done and try again. Is nobody at work? This lapses after two hours; or delete %s on the server.", LockFile)
	case NoPassword:
		msg = diag.T("de server vraagt een wachtwoord, maar dat is er niet", "the server asks for a password, and there is none")
		hint = diag.T("Zet het in de omgevingsvariabele KRACHTPUNT_PASSWORD, start publish in een terminal om het te typen, of gebruik bij sftp een sleutel (key in [publish]).",
			"Put it in the environment variable KRACHTPUNT_PASSWORD, run publish in a terminal to type it, or with sftp use a key (key in [publish]).")
	case NeedTLS:
		msg = diag.T("de server wil alleen een versleutelde verbinding", "the server wants an encrypted connection only")
		hint = diag.T("Zet method = \"ftps\" in [publish] in site.toml.", "Put method = \"ftps\" in [publish] in site.toml.")
	default:
		msg = diag.T("%s lukte niet: %v", "could not %s: %v", action(e.Op, e.File), e.Err)
		hint = diag.T("Probeer het opnieuw: publish gaat verder waar het stopte.", "Try again: publish carries on where it stopped.")
		if e.Op == "upload" || e.Op == "rename" {
			hint = diag.T("Misschien is de server vol, of mag deze gebruiker daar niet schrijven. Daarna gaat publish verder waar het stopte.",
				"Perhaps the server is full, or this user may not write there. Then publish carries on where it stopped.")
		}
	}
	return diag.Text{NL: msg.NL + "\n    " + hint.NL, EN: msg.EN + "\n    " + hint.EN}
}

// action is what was being done, as a phrase: "index.html zetten", "upload index.html".
func action(op, file string) diag.Text {
	switch op {
	case "upload":
		return diag.T("%s zetten", "upload %s", file)
	case "rename":
		return diag.T("%s vervangen", "replace %s", file)
	case "delete":
		return diag.T("%s weghalen", "delete %s", file)
	case "mkdir":
		return diag.T("de map %s maken", "make the folder %s", file)
	case "list":
		return diag.T("de map %s lezen", "read the folder %s", file)
	case "read":
		return diag.T("%s lezen", "read %s", file)
	case "login":
		return diag.T("inloggen", "log in")
	}
	return diag.T("verbinden", "connect")
}

// Failed makes err an *Error for op on file, keeping the Kind of an *Error
// found in it, else working it out from the standard errors it wraps.
func Failed(op, file string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		c := *e
		c.Op, c.File = op, file
		return &c
	}
	return wrap(op, file, err)
}

// wrap makes err an *Error for op on file, working out its Kind from the
// standard errors a transport returns. An *Error is returned as it is.
func wrap(op, file string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		if e.Op != "" {
			return err
		}
		c := *e
		c.Op, c.File = op, file
		return &c
	}
	return &Error{Kind: kindOf(err), Op: op, File: file, Err: err}
}

// KindOf works out the Kind of an error from the standard errors it wraps.
func KindOf(err error) Kind { return kindOf(err) }

func kindOf(err error) Kind {
	var ne net.Error
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return NotFound
	case errors.Is(err, fs.ErrPermission):
		return Permission
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return Full
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return Network
	case errors.As(err, &ne):
		return Network
	}
	return Other
}

// Is reports whether err is an *Error of kind k.
func Is(err error, k Kind) bool { return kindIs(err, k) }

func kindIs(err error, k Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}
