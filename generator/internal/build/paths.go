package build

// Words are the path words of a site language: /activiteiten/ or /activities/.
type Words struct {
	Activities, Stories, Agenda, Hours string
}

// PathWords holds the path words of every site language.
var PathWords = map[string]Words{
	"nl": {Activities: "activiteiten", Stories: "verhalen", Agenda: "agenda", Hours: "openingstijden"},
	"en": {Activities: "activities", Stories: "stories", Agenda: "calendar", Hours: "opening-hours"},
}

// reserved are first path segments a plain page may not take.
func (w Words) reserved() []string {
	return []string{w.Activities, w.Stories, w.Agenda, w.Hours, "404", "404.html", "robots.txt", "sitemap.xml", "agenda.ics", "agenda.json", "style.css"}
}
