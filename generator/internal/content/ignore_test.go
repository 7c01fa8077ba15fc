package content

import "testing"

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"koffie.md":         false,
		"_index.md":         false,
		"folder.pdf":        false,
		"~$rooster.docx":    true, // Word's lock file while the document is open
		"~$begroting.xlsx":  true,
		"Thumbs.db":         true,
		"thumbs.db":         true,
		"ehthumbs.db":       true,
		"desktop.ini":       true,
		"Desktop.ini":       true,
		".DS_Store":         true,
		"._foto.jpg":        true, // AppleDouble next to a file copied from a Mac
		"Icon\r":            true,
		".~lock.rooster#":   true, // LibreOffice
		"koffie.md~":        true,
		".koffie.md.swp":    true,
		"#koffie.md#":       true,
		"_concept.md":       true,
		"verslag~nieuw.pdf": false,
		"$rooster.docx":     false,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestMarkdownName(t *testing.T) {
	for name, want := range map[string]string{
		"koffie.md.txt":      "koffie.md", // Notepad's "Save as" with the text type
		"koffie.MD.txt":      "koffie.MD",
		"koffie.md.docx":     "koffie.md",
		"koffie.md.txt.txt":  "koffie.md",
		"koffie.markdown":    "koffie.md",
		"koffie.Markdown":    "koffie.md",
		"koffie.mdown":       "koffie.md",
		"koffie.mkd":         "koffie.md",
		"koffie.md":          "",
		"koffie.txt.md":      "", // Markdown; its slug has the .txt in it
		"koffie.txt":         "",
		"folder.pdf":         "",
		".markdown":          "",
		"cmd.exe":            "",
		"agenda.md5":         "",
		"kmd.mdx":            "",
		"verslag.md-oud.pdf": "",
	} {
		if got := MarkdownName(name); got != want {
			t.Errorf("MarkdownName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestKindOf(t *testing.T) {
	for rel, want := range map[string]Kind{
		"_index.md":                  KindHome,
		"activities/_index.md":       KindIntro,
		"opening-hours.md":           KindHours,
		"activities/koffie.md":       KindActivity,
		"activities/koffie.md.txt":   KindMisnamed,
		"activities/koffie.markdown": KindMisnamed,
		"stories/tuin.md":            KindStory,
		"over-ons.md":                KindPage,
		"over-ons.md.txt":            KindMisnamed,
		"nieuws/x.md":                KindStrayMarkdown,
		"activities/koffie.jpg":      KindStatic,
		"activities/~$koffie.md":     KindIgnored,
		"foto's/Thumbs.db":           KindIgnored,
		".DS_Store":                  KindIgnored,
		"activities/._koffie.md":     KindIgnored,
	} {
		if got := KindOf(rel); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", rel, got, want)
		}
	}
}
