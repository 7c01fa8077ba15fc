package render

import (
	"html/template"
	"strconv"
)

// An activity's page, its poster and a story's page are the layouts made
// most often after the frame (one of each per activity or story, thousands
// on a large site), then the pages of the stories list and of a day (a
// busy day has pages of its own, like the list): while their "main" and
// the partials it calls are the built-in ones, they are written here by
// hand too, as html/template writes them. A page whose image offers a smaller version (srcset, which
// html/template filters in its own way) is executed by the layout.

// handMains are the page layouts whose "main" is written by hand, with the
// partials that main calls.
var handMains = map[string][]string{
	"activity": {"_subscribe.html", "_share.html"}, "poster": {"_poster-qr.html"}, "story": {"_share.html"},
	"stories": nil, "day": nil,
}

// mainByHand reports whether the main of the page layout t, of kind name,
// and the partials it calls are the built-in ones.
func mainByHand(name string, t *template.Template) bool {
	partials, ok := handMains[name]
	if !ok || !sameTree(t.Lookup("main"), name+".html:main") {
		return false
	}
	for _, p := range partials {
		if !sameTree(t.Lookup(p), p) {
			return false
		}
	}
	return true
}

// appendMain appends the page's main when it can be written by hand; ok
// is false when the layout must execute it.
func (th *Theme) appendMain(b []byte, p *Page) (_ []byte, ok bool) {
	switch {
	case p.Kind == "activity" && p.Activity != nil && p.Activity.ImageSrcset == "":
		return th.appendActivityMain(b, p), true
	case p.Kind == "poster" && p.Activity != nil && p.Poster != nil:
		return th.appendPosterMain(b, p), true
	case p.Kind == "story" && p.Story != nil && p.Story.ImageSrcset == "":
		return th.appendStoryMain(b, p), true
	case p.Kind == "stories":
		return th.appendStoriesMain(b, p), true
	case p.Kind == "day" && p.Calendar != nil && p.Calendar.Day != nil && p.Calendar.Day.Day != nil:
		return th.appendDayMain(b, p), true
	}
	return b, false
}

// appendPosterMain appends the main of poster.html, with _poster-qr.html.
func (th *Theme) appendPosterMain(b []byte, p *Page) []byte {
	a, v := p.Activity, p.Poster
	b = textIn(b, "\n<p class=\"poster-site\">", p.Site.Title, "</p>\n<h1 class=\"poster-title\">")
	b = AppendText(b, a.Title)
	b = append(b, "</h1>"...)
	if a.Summary != "" {
		b = textIn(b, "\n<p class=\"poster-lead\">", a.Summary, "</p>")
	}
	if a.Image != "" {
		b = appendImage(b, a.Image, a.ImageAlt, a.ImageW, a.ImageH, "poster-photo")
	} else {
		b = append(b, "\n<div class=\"poster-space\"></div>"...)
	}
	b = textIn(b, "\n<div class=\"poster-foot\">\n<dl class=\"poster-facts\">\n<dt>", th.T("when"), "</dt>")
	for _, w := range v.When {
		b = textIn(b, "\n<dd>", w, "</dd>")
	}
	if v.WhenMore != "" {
		b = textIn(b, "\n<dd>", v.WhenMore, "</dd>")
	}
	if len(v.Where) > 0 {
		b = textIn(b, "\n<dt>", th.T("where"), "</dt>\n<dd>")
		for i, line := range v.Where {
			if i > 0 {
				b = append(b, "<br>"...)
			}
			b = AppendText(b, line)
		}
		b = append(b, "</dd>"...)
	}
	b = textIn(b, "\n<dt>", th.T("cost"), "</dt>\n<dd>")
	switch {
	case a.Free:
		b = AppendText(b, th.T("free"))
	case a.Cost != "":
		b = AppendText(b, a.Cost)
	default:
		b = AppendText(b, th.T("cost_unknown"))
	}
	b = textIn(b, "</dd>\n<dt>", th.T("signup"), "</dt>\n<dd>")
	if a.WalkIn {
		b = AppendText(b, th.T("walk_in_long"))
	} else {
		b = AppendText(b, a.Signup)
	}
	b = append(b, "</dd>\n</dl>\n"...)
	if v.QR != "" {
		b = append(b, "\n<figure class=\"poster-qr\">\n"...)
		b = append(b, v.QR...)
		b = append(b, "\n<figcaption>"...)
		b = AppendText(b, th.T("poster_scan")) // the kind is "poster"
		b = textIn(b, "<br><span class=\"poster-url\">", v.QRURL, "</span></figcaption>\n</figure>")
	} else {
		b = textIn(b, "\n<p class=\"poster-qr poster-no-qr\">", th.T("poster_no_qr"), "</p>")
	}
	return append(b, "\n\n</div>\n"...)
}

// appendActivityMain appends the main of activity.html.
func (th *Theme) appendActivityMain(b []byte, p *Page) []byte {
	a := p.Activity
	b = textIn(b, "\n<article class=\"activity\">\n<h1>", a.Title, "</h1>")
	if a.Summary != "" {
		b = textIn(b, "\n<p class=\"lead\">", a.Summary, "</p>")
	}
	b = appendImage(b, a.Image, a.ImageAlt, a.ImageW, a.ImageH, "")
	b = textIn(b, "\n<dl class=\"facts\">\n<dt>", th.T("when"), "</dt>")
	for _, w := range a.When {
		b = textIn(b, "\n<dd>", w, "</dd>")
	}
	fact := func(b []byte, key, value string) []byte {
		b = textIn(b, "\n<dt>", th.T(key), "</dt>\n<dd>")
		b = AppendText(b, value)
		return append(b, "</dd>"...)
	}
	if a.Room != "" {
		b = fact(b, "room", a.Room)
	}
	switch {
	case a.Free:
		b = fact(b, "cost", th.T("free"))
	case a.Cost != "":
		b = fact(b, "cost", a.Cost)
	default:
		b = fact(b, "cost", th.T("cost_unknown"))
	}
	if a.WalkIn {
		b = fact(b, "signup", th.T("walk_in_long"))
	} else {
		b = fact(b, "signup", a.Signup)
	}
	if a.Contact != "" {
		b = fact(b, "contact", a.Contact)
	}
	terms := func(b []byte, key string, list []Term) []byte {
		if len(list) == 0 {
			return b
		}
		b = textIn(b, "\n<dt>", th.T(key), "</dt>\n<dd>")
		for i, t := range list {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = urlIn(b, "<a href=\"", t.URL, "\">")
			b = AppendText(b, t.Name)
			b = append(b, "</a>"...)
		}
		return append(b, "</dd>"...)
	}
	b = terms(b, "audience", a.Audience)
	b = terms(b, "categories", a.Categories)
	b = append(b, "\n</dl>\n"...)
	b = append(b, p.Body...)
	if c := p.Calendar; c != nil {
		b = textIn(b, "\n<section aria-labelledby=\"next-dates\">\n<h2 id=\"next-dates\">", th.T("next_dates"), "</h2>")
		if len(c.Next) > 0 {
			b = append(b, "\n<ul class=\"occs\" data-past>\n"...)
			for _, o := range c.Next {
				b = append(b, o.NextItem...)
			}
			b = append(b, "</ul>\n<p data-none hidden>"...)
		} else {
			b = append(b, "\n<p>"...)
		}
		b = AppendText(b, th.T("no_next_dates"))
		b = append(b, "</p>"...)
		if s := c.Subscribe; s != nil {
			b = textIn(b, "\n<p>", th.T("add_to_calendar"), ":</p>\n")
			b = th.appendSubscribe(b, c)
		} else {
			b = urlIn(b, "\n<p><a href=\"", c.ICS, "\">")
			b = AppendText(b, th.T("add_to_calendar"))
			b = append(b, "</a></p>"...)
		}
		b = append(b, "\n</section>"...)
	}
	b = th.appendShare(b, p.Share)
	b = append(b, "\n</article>"...)
	if p.PosterLink != "" {
		b = urlIn(b, "\n<p class=\"poster-link\"><a href=\"", p.PosterLink, "\">")
		b = AppendText(b, th.T("poster_link"))
		b = append(b, "</a></p>"...)
	}
	b = urlIn(b, "\n<p><a href=\"", p.Site.Sections.Activities, "\">")
	b = AppendText(b, th.T("all_activities"))
	return append(b, "</a></p>\n"...)
}

// appendShare appends _share.html for the share view s.
func (th *Theme) appendShare(b []byte, s *Share) []byte {
	if s == nil || s.WhatsApp == "" {
		return b
	}
	b = append(b, "\n<p class=\"share\"><a href=\""...)
	b = AppendTypedURL(b, string(s.WhatsApp))
	return textIn(b, "\">", th.T("share_whatsapp"), "</a></p>")
}

// appendStoryMain appends the main of story.html.
func (th *Theme) appendStoryMain(b []byte, p *Page) []byte {
	s := p.Story
	b = textIn(b, "\n<article class=\"story\">\n<h1>", s.Title, "</h1>\n<p class=\"meta\"><time datetime=\"")
	b = AppendText(b, s.ISODate)
	b = textIn(b, "\">", s.Date, "</time> · ")
	b = AppendText(b, s.Author)
	b = append(b, "</p>"...)
	b = appendImage(b, s.Image, s.ImageAlt, s.ImageW, s.ImageH, "")
	b = append(b, '\n')
	b = append(b, s.Body...)
	b = th.appendShare(b, p.Share)
	b = urlIn(b, "\n</article>\n<p><a href=\"", p.Site.Sections.Stories, "\">")
	b = AppendText(b, th.T("all_stories"))
	return append(b, "</a></p>\n"...)
}

// appendImage appends "<img ...>" on a line of its own, as the layouts
// write an image without a srcset, with the class attribute first when
// class is not "".
func appendImage(b []byte, src, alt string, w, h int, class string) []byte {
	if src == "" {
		return b
	}
	b = append(b, "\n<img "...)
	if class != "" {
		b = append(b, "class=\""...)
		b = append(b, class...)
		b = append(b, "\" "...)
	}
	b = urlIn(b, "src=\"", src, "\" alt=\"")
	b = AppendText(b, alt)
	b = append(b, '"')
	if w != 0 {
		b = append(b, " width=\""...)
		b = strconv.AppendInt(b, int64(w), 10)
		b = append(b, "\" height=\""...)
		b = strconv.AppendInt(b, int64(h), 10)
		b = append(b, '"')
	}
	return append(b, '>')
}

// appendSubscribe appends _subscribe.html for the calendar c.
func (th *Theme) appendSubscribe(b []byte, c *Calendar) []byte {
	link := func(b []byte, href string, trusted bool, key string) []byte {
		b = append(b, "\n<li><a href=\""...)
		if trusted {
			b = AppendTypedURL(b, href)
		} else {
			b = AppendURL(b, href)
		}
		return textIn(b, "\">", th.T(key), "</a></li>")
	}
	b = append(b, "<ul class=\"subscribe\">"...)
	b = link(b, string(c.Subscribe.Webcal), true, "subscribe_webcal")
	b = link(b, c.Subscribe.Google, false, "subscribe_google")
	b = link(b, c.Subscribe.Outlook, false, "subscribe_outlook")
	b = link(b, c.ICS, false, "subscribe_download")
	b = textIn(b, "\n</ul>\n<details class=\"subscribe-help\">\n<summary>", th.T("subscribe_which"), "</summary>\n<ul>")
	for _, key := range []string{"subscribe_help_iphone", "subscribe_help_android", "subscribe_help_computer", "subscribe_help_download"} {
		b = textIn(b, "\n<li>", th.T(key), "</li>")
	}
	return append(b, "\n</ul>\n</details>\n"...)
}

// appendStoriesMain appends the main of stories.html: one page of the
// stories list.
func (th *Theme) appendStoriesMain(b []byte, p *Page) []byte {
	if !p.NoTitle {
		b = textIn(b, "\n<h1>", p.Title, "</h1>")
	}
	b = append(b, '\n')
	b = append(b, p.Body...)
	for _, s := range p.Stories {
		b = urlIn(b, "\n<article class=\"card\">\n<h2 class=\"card-title\"><a href=\"", s.URL, "\">")
		b = textIn(b, "", s.Title, "</a></h2>\n<p class=\"meta\"><time datetime=\"")
		b = textIn(b, "", s.ISODate, "\">")
		b = textIn(b, "", s.Date, "</time> · ")
		b = AppendText(b, s.Author)
		b = append(b, "</p>"...)
		if s.Excerpt != "" {
			b = textIn(b, "\n<p>", s.Excerpt, "</p>")
		}
		b = append(b, "\n</article>"...)
	}
	if len(p.Stories) == 0 {
		b = textIn(b, "\n<p>", th.T("no_stories"), "</p>")
	}
	b = th.appendPager(b, p.Pager, "newer_stories", "older_stories")
	return append(b, '\n')
}

// appendPager appends the pager of a list cut into pages, as stories.html
// and day.html write it, with the words of the keys prev and next on the
// links.
func (th *Theme) appendPager(b []byte, pg *Pager, prev, next string) []byte {
	if pg == nil {
		return b
	}
	b = textIn(b, "\n<nav class=\"pager\" aria-label=\"", th.T("pages"), "\">")
	if pg.Prev != "" {
		b = urlIn(b, "<a href=\"", pg.Prev, "\" rel=\"prev\">← ")
		b = textIn(b, "", th.T(prev), "</a>")
	}
	b = textIn(b, "\n<span>", pg.Label, "</span>")
	if pg.Next != "" {
		b = urlIn(b, "<a href=\"", pg.Next, "\" rel=\"next\">")
		b = textIn(b, "", th.T(next), " →</a>")
	}
	return append(b, "\n</nav>"...)
}

// appendDayMain appends the main of day.html: one date, or one page of a
// busy date.
func (th *Theme) appendDayMain(b []byte, p *Page) []byte {
	dp := p.Calendar.Day
	d := dp.Day
	b = append(b, "\n<div class=\"day-page"...)
	if d.Today {
		b = append(b, " is-today"...)
	}
	b = textIn(b, "\" data-date=\"", d.Date, "\"")
	if d.Today {
		b = append(b, " aria-current=\"date\""...)
	}
	b = textIn(b, ">\n<h1>", p.Title, " <span class=\"today-label\">")
	if d.Today {
		b = AppendText(b, th.T("today"))
	}
	b = append(b, "</span></h1>"...)
	if d.Closed != "" {
		b = textIn(b, "\n<p class=\"closed\">", th.T("centre_closed"), ": ")
		b = textIn(b, "", d.Closed, "</p>")
	}
	switch {
	case d.Items != "":
		b = append(b, "\n<ul class=\"occs\">\n"...)
		b = append(b, d.Items...)
		b = append(b, "\n</ul>"...)
	case d.Closed == "":
		b = textIn(b, "\n<p class=\"empty\">", th.T("nothing_on"), "</p>")
	}
	b = th.appendPager(b, p.Pager, "earlier_that_day", "later_that_day")
	b = urlIn(b, "\n<p><a href=\"", dp.Week, "\">")
	b = textIn(b, "", dp.WeekName, "</a></p>\n<nav class=\"pager\" aria-label=\"")
	b = textIn(b, "", th.T("other_days"), "\">")
	if dp.Prev != "" {
		b = urlIn(b, "<a href=\"", dp.Prev, "\"")
		if p.Pager == nil {
			b = append(b, " rel=\"prev\""...)
		}
		b = textIn(b, ">← ", dp.PrevName, "</a>")
	}
	if dp.Next != "" {
		b = urlIn(b, " <a href=\"", dp.Next, "\"")
		if p.Pager == nil {
			b = append(b, " rel=\"next\""...)
		}
		b = textIn(b, ">", dp.NextName, " →</a>")
	}
	return append(b, "\n</nav>\n</div>\n"...)
}
