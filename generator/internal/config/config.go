// Package config reads site.toml into a typed Config: the first stage of the
// pipeline. site.toml uses the English key names only.
package config

import (
	"errors"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // the site's timezone must load on a machine without zoneinfo

	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
)

// File is the name of the settings file in the site folder.
const File = "site.toml"

// Config is the site's settings.
type Config struct {
	Title    string
	Tagline  string
	BaseURL  string // "" or "/" for root-relative links, else absolute and ending in "/"
	Language string // "nl" or "en"
	Timezone string
	Location *time.Location
	Theme    string
	ThemePos diag.Pos // where the theme is named, or site.toml itself
	Address  Address
	Weeks    int      // how far ahead the calendar reaches
	Publish  *Publish // where `publish` uploads the site; nil without [publish]
	// linkBase is linkBase(linkFor), worked out once by Load: Link is
	// called for every link of every page.
	linkBase, linkFor string

	// BaseURLPos is where baseURL is written, or site.toml itself.
	BaseURLPos diag.Pos
	// BaseURLGiven reports whether baseURL is written with a value, such
	// as "/"; an empty or missing baseURL leaves it false.
	BaseURLGiven bool

	// ShareImage is the photo link previews show of pages without one of
	// their own, as a path under content/; "" for a picture the build
	// draws. ShareImageAlt says what it shows; ShareImagePos is where it
	// is named.
	ShareImage, ShareImageAlt string
	ShareImagePos             diag.Pos
}

// Address is where the centre is and how to reach it.
type Address struct {
	Street, Postcode, City string
	Phone, Email           string
	Latitude, Longitude    float64
	HasGeo                 bool
}

// Absolute reports whether BaseURL is an absolute URL.
func (c *Config) Absolute() bool { return strings.HasPrefix(c.BaseURL, "http") }

// URL returns the full address of a site path such as "/agenda/" for feeds,
// calendars and the sitemap: absolute when BaseURL is, else the same as Link.
func (c *Config) URL(path string) string {
	if !c.Absolute() {
		return c.Link(path)
	}
	return strings.TrimSuffix(c.BaseURL, "/") + path
}

// Link returns the link to a site path for use inside pages: root-relative,
// under the path of BaseURL ("https://x.nl/linde/" gives "/linde/agenda/").
func (c *Config) Link(path string) string {
	base := c.linkBase
	if c.linkFor != c.BaseURL { // a Config not made by Load, or changed since
		base = linkBase(c.BaseURL)
	}
	return base + path
}

// linkBase is what Link puts before a site path for baseURL.
func linkBase(baseURL string) string {
	base := baseURL
	if strings.HasPrefix(baseURL, "http") {
		if u, err := url.Parse(base); err == nil {
			base = u.Path
		}
	}
	return strings.TrimSuffix(base, "/")
}

var (
	fTitle    = decode.F("title", "")
	fTagline  = decode.F("tagline", "")
	fBaseURL  = decode.F("baseURL", "")
	fLanguage = decode.F("language", "")
	fTimezone = decode.F("timezone", "")
	fTheme    = decode.F("theme", "")
	fAddress  = decode.F("address", "")
	fCalendar = decode.F("calendar", "")
	fStreet   = decode.F("street", "")
	fPostcode = decode.F("postcode", "")
	fCity     = decode.F("city", "")
	fPhone    = decode.F("phone", "")
	fEmail    = decode.F("email", "")
	fLat      = decode.F("latitude", "")
	fLon      = decode.F("longitude", "")
	fWeeks    = decode.F("weeks", "")
)

// Load reads site.toml from the site folder fsys. Problems are added to
// diags; the Config is nil when the file cannot be read at all.
func Load(fsys fs.FS, diags *diag.List) *Config {
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		msg := diag.T("site.toml ontbreekt in deze map", "site.toml is missing from this folder")
		if !errors.Is(err, fs.ErrNotExist) {
			msg = diag.T("site.toml kan niet gelezen worden: %v", "site.toml cannot be read: %v", err)
		}
		diags.Errorf(diag.Pos{File: File}, "no-site-toml", msg,
			diag.T("Start Krachtpunt in de map van de site, of geef de map op met --site MAP.", "Run Krachtpunt in the site's folder, or name the folder with --site DIR."))
		return nil
	}
	text, ok := decode.Text(File, src, diags)
	if !ok {
		return nil
	}
	if strings.TrimSpace(text) == "" {
		diags.Errorf(diag.Pos{File: File, Line: 1}, "empty-file",
			diag.T("site.toml is leeg", "site.toml is empty"),
			diag.T(`Schrijf er minstens de naam van het buurthuis in: title = "Buurthuis De Linde"`, `Write at least the name of the centre in it: title = "Buurthuis De Linde"`))
		return nil
	}
	t := decode.Parse(File, text, 0, diags)
	if t == nil {
		return nil
	}
	c := &Config{
		Title:    t.String(fTitle),
		Tagline:  t.String(fTagline),
		BaseURL:  t.String(fBaseURL),
		Language: t.String(fLanguage),
		Timezone: t.String(fTimezone),
		Theme:    t.String(fTheme),
		ThemePos: t.Pos(fTheme.Name),
		Weeks:    12,
	}
	if !t.Has(fTitle) || strings.TrimSpace(c.Title) == "" {
		t.Missing(fTitle, `"Buurthuis De Linde"`)
	}
	c.checkLanguage(t)
	c.checkTimezone(t)
	c.BaseURLPos = diag.Pos{File: File}
	if t.Has(fBaseURL) {
		c.BaseURLPos = t.Pos(fBaseURL.Name)
	}
	c.checkBaseURL(t)
	if c.Theme == "" {
		c.Theme = "default"
	} else if strings.ContainsAny(c.Theme, `/\`) || strings.HasPrefix(c.Theme, ".") {
		t.Errorf(fTheme, "bad-theme",
			diag.T("%q is geen naam van een thema", "%q is not the name of a theme", c.Theme),
			diag.T("Laat deze regel weg voor het ingebouwde thema, of gebruik de naam van een map in themes/.", "Leave this line out for the built-in theme, or use the name of a folder in themes/."))
	}
	if a := t.Table(fAddress); a != nil {
		c.Address = Address{
			Street: a.String(fStreet), Postcode: a.String(fPostcode), City: a.String(fCity),
			Phone: a.String(fPhone), Email: a.String(fEmail),
		}
		lat, okLat := a.Float(fLat)
		lon, okLon := a.Float(fLon)
		c.Address.Latitude, c.Address.Longitude, c.Address.HasGeo = lat, lon, okLat && okLon
		if c.Address.HasGeo && (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
			a.Errorf(fLat, "bad-geo",
				diag.T("de coördinaten %v, %v bestaan niet", "the coordinates %v, %v do not exist", lat, lon),
				diag.T("Latitude ligt tussen -90 en 90, longitude tussen -180 en 180 (Utrecht: 52.09 en 5.12).", "Latitude lies between -90 and 90, longitude between -180 and 180 (Utrecht: 52.09 and 5.12)."))
		}
		a.Done()
	}
	if cal := t.Table(fCalendar); cal != nil {
		if w, ok := cal.Int(fWeeks); ok {
			if w < 1 || w > 104 {
				cal.Errorf(fWeeks, "bad-weeks",
					diag.T("weeks = %d kan niet; kies 1 tot en met 104 weken", "weeks = %d is not possible; choose 1 to 104 weeks", w),
					diag.T("De agenda kijkt zoveel weken vooruit. Meestal is 12 goed.", "The calendar looks this many weeks ahead. 12 is usually right."))
			} else {
				c.Weeks = w
			}
		}
		cal.Done()
	}
	c.loadShareImage(fsys, t)
	c.Publish = loadPublish(t.Table(fPublish))
	t.Done()
	return c
}

// languageLine finds language = "..." at the top of a site.toml that cannot
// be read as a whole.
var languageLine = regexp.MustCompile(`(?m)^\s*language\s*=\s*["'“”]?\s*([A-Za-z]{2})\s*["'“”]?\s*(#.*)?$`)

// Language returns the language of the site in the folder fsys as well as
// it can be read, for messages about the command line and about a site.toml
// with mistakes; ok is false when there is no site.toml to read.
func Language(fsys fs.FS) (lang string, ok bool) {
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		return "", false
	}
	text := decode.Decode(src)
	if i := strings.Index(text, "\n["); i >= 0 {
		text = text[:i] // the language is a top-level key
	}
	if m := languageLine.FindStringSubmatch(text); m != nil {
		if l := strings.ToLower(m[1]); l == "en" || l == "nl" {
			return l, true
		}
	}
	return "nl", true
}

func (c *Config) checkLanguage(t *decode.Table) {
	switch c.Language {
	case "nl", "en":
	case "":
		c.Language = "nl"
	default:
		lang := strings.ToLower(strings.TrimSpace(c.Language))
		if lang == "nl" || lang == "en" {
			c.Language = lang
			return
		}
		t.Errorf(fLanguage, "bad-language",
			diag.T("taal %q wordt niet ondersteund", "language %q is not supported", c.Language),
			diag.T(`Kies language = "nl" (Nederlands) of language = "en" (Engels).`, `Choose language = "nl" (Dutch) or language = "en" (English).`))
		c.Language = "nl"
	}
}

func (c *Config) checkTimezone(t *decode.Table) {
	if c.Timezone == "" {
		c.Timezone = "Europe/Amsterdam"
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil || c.Timezone == "Local" {
		t.Errorf(fTimezone, "bad-timezone",
			diag.T("tijdzone %q bestaat niet", "time zone %q does not exist", c.Timezone),
			diag.T(`Gebruik een naam als timezone = "Europe/Amsterdam" (let op hoofdletters).`, `Use a name such as timezone = "Europe/Amsterdam" (mind the capitals).`))
		loc = time.UTC
	}
	c.Location = loc
}

func (c *Config) checkBaseURL(t *decode.Table) {
	defer func() { c.linkBase, c.linkFor = linkBase(c.BaseURL), c.BaseURL }()
	b := strings.TrimSpace(c.BaseURL)
	c.BaseURLGiven = b != ""
	if b == "" || b == "/" {
		c.BaseURL = "/"
		return
	}
	u, err := url.Parse(b)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		t.Errorf(fBaseURL, "bad-baseurl",
			diag.T("baseURL %q is geen volledig webadres", "baseURL %q is not a complete web address", c.BaseURL),
			diag.T(`Schrijf het adres met https:// ervoor, bijvoorbeeld baseURL = "https://www.delinde.nl/", of laat het leeg.`, `Write the address with https:// in front, for example baseURL = "https://www.delinde.nl/", or leave it empty.`))
		c.BaseURL = "/"
		return
	}
	if !strings.HasSuffix(b, "/") {
		b += "/"
	}
	c.BaseURL = b
}
