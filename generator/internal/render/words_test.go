package render

import (
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"

	"krachtpunt/generator/internal/diag"
)

// A theme's words, written in the layout as {{t "key"}}, come out as the
// translation wherever they stand, escaped for that place: in text, in an
// attribute, in a script, piped on, in parentheses, with arguments, and a
// key the theme does not have.
func TestWordsOfALayout(t *testing.T) {
	site := fstest.MapFS{
		"themes/w/i18n/nl.toml": {Data: []byte("when = \"Wanneer & hoe\"\nquote = \"Zeg \\\"ja\\\" <b>\"\nmore = \"Nog %d keer\"\n")},
		"themes/w/layouts/_words.html": {Data: []byte(`<p title="{{t "quote"}}">{{t "when"}}</p>` +
			`<script>var w = {{t "when"}};</script>` +
			`{{t "when" | printf "%s!"}}|{{printf "(%s)" (t "quote")}}|{{t "more" 3}}|{{t "none"}}|` +
			`{{with t "when"}}{{.}}{{end}}|{{if .}}{{t "when"}}{{else}}{{t "quote"}}{{end}}`)},
	}
	th, diags := LoadTheme(site, "w", "nl", diag.Pos{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got, err := th.Fragment("_words.html", true)
	if err != nil {
		t.Fatal(err)
	}
	want := `<p title="Zeg &#34;ja&#34; &lt;b&gt;">Wanneer &amp; hoe</p>` +
		`<script>var w = "Wanneer \u0026 hoe";</script>` +
		`Wanneer &amp; hoe!|(Zeg &#34;ja&#34; &lt;b&gt;)|Nog 3 keer|[none]|` +
		`Wanneer &amp; hoe|Wanneer &amp; hoe`
	if string(got) != want {
		t.Errorf("the words come out as\n%s\nwant\n%s", got, want)
	}
	if got, err := th.Fragment("_words.html", false); err != nil || !strings.HasSuffix(string(got), `|Zeg &#34;ja&#34; &lt;b&gt;`) {
		t.Errorf("the else branch gives %s (%v)", got, err)
	}
}

// The built-in theme's layouts call t through reflection only for words
// with arguments: every {{t "key"}} is the word itself by the time a page
// is rendered.
func TestWordsAreFoldedIntoTheLayouts(t *testing.T) {
	th, diags := LoadTheme(fstest.MapFS{}, "default", "nl", diag.Pos{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	calls, words := 0, 0
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				if id, ok := c.Args[0].(*parse.IdentifierNode); ok && id.Ident == "t" {
					calls++
					if len(c.Args) == 2 {
						if _, ok := c.Args[1].(*parse.StringNode); ok {
							t.Errorf("{{t %s}} is still called at %d", c.Args[1], c.Position())
						}
					}
				}
				if s, ok := c.Args[0].(*parse.StringNode); ok && s.Text == th.T("when") {
					words++
				}
				for _, a := range c.Args {
					if p, ok := a.(*parse.PipeNode); ok {
						walk(p)
					}
				}
			}
		}
	}
	for _, name := range Layouts {
		for _, tmpl := range th.pages[name].Templates() {
			if tmpl.Tree != nil {
				walk(tmpl.Tree.Root)
			}
		}
	}
	if words == 0 {
		t.Errorf("no layout holds the word %q of {{t \"when\"}}", th.T("when"))
	}
	t.Logf("%d calls of t with arguments are left", calls)
}
