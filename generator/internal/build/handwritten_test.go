package build

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/theme"
)

// forcedTheme returns files with the theme "zelfde" instead of the
// built-in one: the built-in theme with the words given, whose layouts
// that the build writes by hand differ from the built-in ones only in
// printing an empty string, so that html/template executes them.
func forcedTheme(t *testing.T, files map[string][]byte, words []byte) map[string][]byte {
	t.Helper()
	own := maps.Clone(files)
	own["site.toml"] = bytes.Replace(files["site.toml"], []byte(`theme = "default"`), []byte(`theme = "zelfde"`), 1)
	if bytes.Equal(own["site.toml"], files["site.toml"]) {
		t.Fatal("site.toml names no theme")
	}
	own["themes/zelfde/i18n/nl.toml"] = words
	for _, name := range append(slices.Clone(render.HandWritten), "base.html", "_poster.html", "_preview.html", "activity.html", "_subscribe.html", "_share.html", "poster.html", "_poster-qr.html", "story.html", "stories.html", "day.html") {
		src, err := fs.ReadFile(theme.Builtin(), path.Join("layouts", name))
		if err != nil {
			t.Fatal(err)
		}
		if define := map[string]string{"base.html": "base", "activity.html": "main", "poster.html": "main", "story.html": "main", "stories.html": "main", "day.html": "main"}[name]; define != "" {
			d := []byte(`{{define "` + define + `"}}`)
			if !bytes.Contains(src, d) {
				t.Fatalf("%s does not define %s", name, define)
			}
			own[path.Join("themes/zelfde/layouts", name)] = bytes.Replace(src, d, append(d, `{{""}}`...), 1)
			continue
		}
		own[path.Join("themes/zelfde/layouts", name)] = append(src, `{{""}}`...)
	}
	return own
}

// compareBuilds builds the files of own, whose theme has the built-in
// layouts under another name, and checks that they make byHand, byte for
// byte.
func compareBuilds(t *testing.T, what string, byHand map[string][]byte, own map[string][]byte) {
	t.Helper()
	byTemplate, _, err := buildFiles(t, own, "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	if len(byHand) != len(byTemplate.Files) {
		t.Fatalf("%s%d files by hand, %d by the templates", what, len(byHand), len(byTemplate.Files))
	}
	for _, p := range slices.Sorted(maps.Keys(byTemplate.Files)) {
		if a, b := byHand[p], byTemplate.Files[p]; !bytes.Equal(a, b) {
			t.Errorf("%s%s differs: by hand %s, by the template", what, p, firstDifference(a, b))
		}
	}
}

// nastyActivities are activities whose title, room, cost, reasons and
// notes hold everything html/template escapes, with a cancel, a change of
// time and room, and a session moved to another day.
var nastyActivities = map[string]string{
	"content/activities/koffie-&-thee.md": `+++
title = "Koffie & thee <voor> \"iedereen\" + 'buren' é €"
when = "elke woensdag 10:00-11:30"
room = "Zaal <1> & 'twee' + \"drie\""
cost = "€ 1,50 + koffie & <koek>"
signup = "bel Anna"
[[cancel]]
date = 2026-12-02
reason = "Ziek & <zwak> + \"moe\""
[[change]]
date = 2026-12-09
time = "14:00-15:00"
room = "Keuken & tuin"
note = "Later + 'anders' <echt>"
[[change]]
date = 2026-12-16
new_date = 2026-12-17
note = "Een dag later & zo"
+++
Koffie.
`,
	"content/activities/voorbij.md": `+++
title = "Voorbij & <klaar>"
when = "2026-10-01 10:00-12:00"
contact = "Els & Jan <06>"
+++
Al geweest.
`,
	"content/activities/veel.md": `+++
title = "Veel & vaak"
when = ["elke maandag 09:00-10:00", "elke dinsdag 09:00-10:00", "elke woensdag 19:00-20:00", "elke vrijdag 09:00-10:00", "elke zaterdag 11:00-12:00"]
+++
Vaak.
`,
	"content/activities/eten+drinken.md": `+++
title = "Eten + drinken"
when = "elke donderdag 18:00-19:30"
cost = "gratis"
+++
Eten.
`,
}

// TestHandWrittenItemsEqualTheLayouts builds a site whose activities hold
// everything that needs escaping twice: with the built-in theme, whose
// occurrence items and coming dates are written by hand, and with a theme whose own copies
// of those partials differ from the built-in ones only in printing an
// empty string, so html/template renders them. Every file must be the
// same, byte for byte.
func TestHandWrittenItemsEqualTheLayouts(t *testing.T) {
	files := buildExampleFiles(t)
	for name, src := range nastyActivities {
		files[name] = []byte(src)
	}
	// Enough stories for the list to have pages, with titles, authors and
	// text that need escaping in the link-preview tags.
	for i := range 23 {
		files[fmt.Sprintf("content/stories/verhaal-%02d.md", i)] = fmt.Appendf(nil, "+++\ntitel = \"Verhaal %d: <samen> & \\\"buren\\\" + 'zo'\"\ndatum = 2026-09-%02d\nauteur = \"Ans & Piet\"\ntoestemming = true\n+++\nWe \"kookten\" <soep> & brood + 'meer'.\n", i, i+1)
	}
	// A story with a photo too small for a smaller version (no srcset).
	files["content/stories/verhaal-00.md"] = bytes.Replace(files["content/stories/verhaal-00.md"], []byte("toestemming = true\n"),
		[]byte("toestemming = true\nafbeelding = \"../activities/creatief-cafe.jpg\"\nafbeelding_alt = \"Verf & <kwast> + 'zo'\"\n"), 1)
	// A day busy enough to have pages of its own.
	var busy []string
	for i := range 55 {
		busy = append(busy, fmt.Sprintf(`"2026-12-03 %02d:%02d-%02d:%02d"`, 8+i/6, i%6*10, 8+i/6, i%6*10+5))
	}
	files["content/activities/druk.md"] = []byte("+++\ntitle = \"Druk & <vol>\"\nwhen = [" + strings.Join(busy, ", ") + "]\n+++\nVol.\n")
	// A site name and a tagline that need escaping.
	files["site.toml"] = bytes.Replace(files["site.toml"], []byte(`title = "Buurthuis De Vlinder"`), []byte(`title = "Buurthuis <De Vlinder> & \"zo\" + 'meer'"`), 1)
	// Words of the theme that need escaping too, among them those of the
	// head of every page and of a poster.
	words := []byte("cancelled = \"Gaat <niet> door\"\nchanged = \"Anders & later\"\nmoved_from = \"(verplaatst van %s + 'zo')\"\nwalk_in = \"Vrij \\\"binnen\\\"\"\n" +
		"today = \"Van<daag> & \\\"nu\\\"\"\nskip_to_content = \"Naar de <inhoud> & verder\"\nstories = \"Verhalen & 'zo'\"\nposter_nav = \"Poster <menu> & zo\"\nposter_back = \"Terug & <weg>\"\nposter_print = \"Print \\\"dit\\\" + 'dat'\"\n")
	files["themes/default/i18n/nl.toml"] = words
	byHand, _, err := buildFiles(t, files, "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	own := forcedTheme(t, files, words)
	compareBuilds(t, "", byHand.Files, own)
	// Without a full address in baseURL a page has no canonical link, no
	// address in its preview tags, no links to subscribe and no WhatsApp.
	relative := func(files map[string][]byte) map[string][]byte {
		files = maps.Clone(files)
		files["site.toml"] = regexp.MustCompile(`(?m)^baseURL = .*$`).ReplaceAll(files["site.toml"], []byte(`baseURL = "/"`))
		return files
	}
	if bytes.Equal(relative(files)["site.toml"], files["site.toml"]) {
		t.Fatal("site.toml has no baseURL")
	}
	relHand, _, err := buildFiles(t, relative(files), "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	compareBuilds(t, "relative baseURL: ", relHand.Files, relative(own))
	// The pages do show the escaped items of every kind.
	for page, want := range map[string][]string{
		"agenda/week/2026-W49/index.html": {
			`<a href="/activiteiten/koffie-thee/">Koffie &amp; thee &lt;voor&gt; &#34;iedereen&#34; &#43; &#39;buren&#39; é €</a> <strong class="status status-cancelled">Gaat &lt;niet&gt; door: Ziek &amp; &lt;zwak&gt; &#43; &#34;moe&#34;</strong>`,
			`data-end="2026-12-02T11:30:00&#43;01:00"`,
		},
		"activiteiten/koffie-thee/index.html": {
			`<li class="occ occ-cancelled" data-end="2026-12-02T11:30:00&#43;01:00"><span class="date">woensdag 2 december 2026</span>, <span class="time">10.00-11.30 uur</span> <strong class="status status-cancelled">Gaat &lt;niet&gt; door: Ziek &amp; &lt;zwak&gt; &#43; &#34;moe&#34;</strong></li>`,
			`<strong class="status status-changed">Anders &amp; later: Later &#43; &#39;anders&#39; &lt;echt&gt;</strong> (Keuken &amp; tuin)</li>`,
		},
		"verhalen/verhaal-00/index.html": {
			`<title>Verhaal 0: &lt;samen&gt; &amp; &#34;buren&#34; &#43; &#39;zo&#39; – Buurthuis &lt;De Vlinder&gt; &amp; &#34;zo&#34; &#43; &#39;meer&#39;</title>`,
			`<meta property="og:title" content="Verhaal 0: &lt;samen&gt; &amp; &#34;buren&#34; &#43; &#39;zo&#39;">`,
			`alt="Verf &amp; &lt;kwast&gt; &#43; &#39;zo&#39;"`,
			`data-today="Van&lt;daag&gt; &amp; &#34;nu&#34;"`,
		},
		"agenda/dag/2026-12-03/pagina/2/index.html": {
			`<a href="/agenda/dag/2026-12-03/" rel="prev">`,
		},
		"agenda/2026-12/index.html": {
			`<li class="occ occ-changed"><span class="time">14.00-15.00 uur</span> <a href="/activiteiten/koffie-thee/">Koffie &amp; thee &lt;voor&gt; &#34;iedereen&#34; &#43; &#39;buren&#39; é €</a> <strong class="status status-changed">Anders &amp; later</strong></li>`,
		},
	} {
		got := string(byHand.Files[page])
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", page, w)
			}
		}
	}
}

// TestHandWrittenRandomSites builds small sites whose names, texts and
// theme words are random strings full of what html/template escapes, with
// and without an absolute baseURL, by hand and through the templates:
// every file must be the same, byte for byte.
func TestHandWrittenRandomSites(t *testing.T) {
	parts := []string{"a", "Z", "9", " ", "&", "<", ">", `"`, "'", "+", "%", "%41", "é", "€", "/", "?", "#", "=", ":", "javascript:", "https://x.example/", "(", ")", "!", "*", ",", ";", "@", "[", "]", "-", ".", "_", "~", "`", "{", "}", "|", "\\", "^", "\u00a0", "<b>", "&amp;", "{{.}}", "\t"}
	r := rand.New(rand.NewPCG(3, 4))
	random := func() string {
		var b strings.Builder
		b.WriteString("T")
		for range 1 + r.IntN(10) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		return b.String()
	}
	quoted := func() string { // a TOML basic string
		q, err := json.Marshal(random())
		if err != nil {
			t.Fatal(err)
		}
		return string(q)
	}
	runs := 12
	if testing.Short() {
		runs = 3
	}
	for i := range runs {
		base := `"https://wijk.example/"`
		if i%2 == 1 {
			base = `"/"`
		}
		files := map[string][]byte{
			"site.toml": fmt.Appendf(nil, "title = %s\ntagline = %s\nlanguage = \"nl\"\nbaseURL = %s\ntheme = \"default\"\n[address]\nstreet = %s\ncity = %s\n[calendar]\nweeks = 2\n",
				quoted(), quoted(), base, quoted(), quoted()),
			"content/activities/koffie.md": fmt.Appendf(nil, "+++\ntitle = %s\nsummary = %s\nwhen = [\"elke dinsdag 10:00-12:00\", \"elke donderdag 14:00-15:00\"]\nroom = %s\ncost = %s\nsignup = %s\ncontact = %s\n[[cancel]]\ndate = 2026-12-01\nreason = %s\n+++\n%s\n",
				quoted(), quoted(), quoted(), quoted(), quoted(), quoted(), quoted(), random()),
			"content/activities/eten.md": fmt.Appendf(nil, "+++\ntitle = %s\nwhen = \"elke woensdag 17:30-19:00\"\ncost = \"gratis\"\nsignup = \"vrije inloop\"\n+++\n", quoted()),
		}
		// Every third site has no stories; the others a list that starts
		// with a heading of its own, or not.
		switch i % 3 {
		case 1:
			files["content/stories/_index.md"] = fmt.Appendf(nil, "# %s\n\n%s\n", random(), random())
			fallthrough
		case 0:
			files["content/stories/tuin.md"] = fmt.Appendf(nil, "+++\ntitel = %s\ndatum = 2026-10-12\nauteur = %s\ntoestemming = true\n+++\n%s\n\n%s\n", quoted(), quoted(), random(), random())
		}
		var words strings.Builder
		for _, key := range []string{"today", "when", "room", "cost", "signup", "contact", "stories", "skip_to_content", "poster_nav", "poster_back", "poster_print", "poster_scan", "next_dates", "all_activities", "all_stories", "add_to_calendar", "share_whatsapp", "subscribe_webcal", "free", "walk_in_long", "poster_link",
			"no_stories", "pages", "newer_stories", "older_stories", "centre_closed", "nothing_on", "other_days", "earlier_that_day", "later_that_day", "day_week"} {
			fmt.Fprintf(&words, "%s = %s\n", key, quoted())
		}
		files["themes/default/i18n/nl.toml"] = []byte(words.String())
		byHand, res, err := buildFiles(t, files, "2026-11-25")
		if err != nil {
			t.Fatalf("site %d: %v\n%s", i, err, res.Diags.Format("en"))
		}
		compareBuilds(t, fmt.Sprintf("site %d: ", i), byHand.Files, forcedTheme(t, files, []byte(words.String())))
	}
}
