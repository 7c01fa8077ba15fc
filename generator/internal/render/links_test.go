package render

import (
	"strings"
	"testing"

	"krachtpunt/generator/internal/content"
)

// fakeLinks is a site with the pages route.md and activities/koffie.md, the
// file folder.pdf, and a story without consent, stories/geheim.md, once at
// /verhalen/geheim/.
type fakeLinks struct{}

func (fakeLinks) PageURL(rel string) (string, bool) {
	switch rel {
	case "route.md":
		return "/route/", true
	case "activities/koffie.md":
		return "/activiteiten/koffie/", true
	}
	return "", false
}

func (fakeLinks) FileURL(rel string) (string, bool) { return "/" + rel, rel == "folder.pdf" }

func (fakeLinks) Withheld(target string) (content.Withheld, bool) {
	if target == "stories/geheim.md" || target == "/verhalen/geheim/" {
		return content.Withheld{Kind: content.KindStory, Slug: "geheim"}, true
	}
	return content.Withheld{}, false
}

func TestLinksToWithheldPagesBecomeText(t *testing.T) {
	for _, c := range []struct {
		name, src, html, pos string
	}{
		{"inline", "Zie [het verhaal](stories/geheim.md).", "<p>Zie het verhaal.</p>", "content/over.md:5:5"},
		{"emphasis inside", "Zie [*het* verhaal](stories/geheim.md#kop).", "<p>Zie <em>het</em> verhaal.</p>", "content/over.md:5:5"},
		{"reference", "Zie [het verhaal][v].\n\n[v]: stories/geheim.md", "<p>Zie het verhaal.</p>", "content/over.md:5:5"},
		{"root-relative", "Zie [dit](/verhalen/geheim/).", "<p>Zie dit.</p>", "content/over.md:5:5"},
		{"accents count as one column", "Één [x](stories/geheim.md)", "<p>Één x</p>", "content/over.md:5:5"},
		{"second line of a list", "- a\n- b [x](./stories/geheim.md)", "<li>b x</li>", "content/over.md:6:5"},
		{"image inside", "[![kaart](folder.pdf)](stories/geheim.md)", `<p><img src="/folder.pdf" alt="kaart"></p>`, "content/over.md:5:1"},
		{"next to a good link", "[route](route.md) [x](stories/geheim.md)", `<p><a href="/route/">route</a> x</p>`, "content/over.md:5:19"},
	} {
		t.Run(c.name, func(t *testing.T) {
			html, diags := NewMarkdown().Convert("content/over.md", c.src, 5, fakeLinks{})
			if !strings.Contains(string(html), c.html) {
				t.Errorf("html:\n%s\nwant it to hold:\n%s", html, c.html)
			}
			if strings.Contains(string(html), "geheim") {
				t.Errorf("html names the withheld story:\n%s", html)
			}
			if len(diags) != 1 || diags[0].Code != "link-without-consent" || diags[0].Pos.String() != c.pos {
				t.Fatalf("problems %v, want one link-without-consent at %s", diags, c.pos)
			}
		})
	}
}

func TestLinkToMissingFileBecomesText(t *testing.T) {
	for src, want := range map[string]string{
		"[folder](folder.pdf)":       `<a href="/folder.pdf">folder</a>`,
		"[flyer](flyer.pdf)":         `<p>flyer</p>`,
		"[flyer](Folder.pdf)":        `<p>flyer</p>`,
		"[agenda](../agenda/)":       `<a href="../agenda/">agenda</a>`, // a folder, not a file
		"[kop](#kop)":                `<a href="#kop">kop</a>`,
		"[site](https://x.nl/a.pdf)": `<a href="https://x.nl/a.pdf">site</a>`,
		"[mail](mailto:a@b.nl)":      `<a href="mailto:a@b.nl">mail</a>`,
		"[ics](/agenda.ics)":         `<a href="/agenda.ics">ics</a>`,
	} {
		html, _ := NewMarkdown().Convert("content/over.md", src, 1, fakeLinks{})
		if !strings.Contains(string(html), want) {
			t.Errorf("%s gives %s, want %s", src, html, want)
		}
	}
}

// FuzzWithheldLinks checks for any text that a link to the withheld story
// never survives, and that every problem has a place in the file.
func FuzzWithheldLinks(f *testing.F) {
	for _, s := range []string{
		"Zie [het verhaal](stories/geheim.md).",
		"[a][b]\n\n[b]: /verhalen/geheim/",
		"> - [x](stories/geheim.md#a) [y](route.md)",
		"[![i](folder.pdf)](stories/geheim.md)",
		"*[x](stories/geheim.md)*\n\n# [kop](stories/geheim.md)",
		"| a |\n|---|\n| [x](stories/geheim.md) |",
		"[x](<stories/geheim.md> \"titel\")",
	} {
		f.Add(s)
	}
	md := NewMarkdown()
	f.Fuzz(func(t *testing.T, src string) {
		html, diags := md.Convert("content/over.md", src, 3, fakeLinks{})
		if strings.Contains(string(html), `href="stories/geheim.md`) || strings.Contains(string(html), `href="/verhalen/geheim/`) {
			t.Errorf("a link to the withheld story survived:\n%s", html)
		}
		lines := strings.Count(src, "\n") + 3
		for _, d := range diags {
			if d.Line < 3 || d.Line > lines || d.Col < 0 {
				t.Errorf("problem at %s, outside lines 3-%d", d.Pos, lines)
			}
		}
	})
}
