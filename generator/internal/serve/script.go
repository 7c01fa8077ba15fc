package serve

import "bytes"

// reloadScript is added to every HTML page the preview serves. It listens
// for the events of eventsPath: "reload" reloads the page, "css" fetches the
// page's own stylesheets again, "problems" shows what is wrong in an overlay
// (role="alert", light on black, with a close button). When the preview was
// stopped and comes back, the page reloads. Without EventSource it does
// nothing. All text is set with textContent, never parsed as HTML.
const reloadScript = `<script>/* Krachtpunt preview: live reload */(()=>{
if(!window.EventSource)return;
let down=0,box;
const es=new EventSource("` + eventsPath + `");
es.onerror=()=>{down=1};
es.onopen=()=>{if(down)location.reload()};
es.addEventListener("reload",()=>location.reload());
es.addEventListener("css",()=>{for(const l of document.querySelectorAll('link[rel~="stylesheet"][href]')){const u=new URL(l.href);if(u.origin!=location.origin)continue;u.searchParams.set("krachtpunt",Date.now());l.href=u.href}});
es.addEventListener("problems",m=>{
const p=JSON.parse(m.data),el=(t,s,x)=>{const e=document.createElement(t);e.style.cssText=s;if(x)e.textContent=x;return e};
if(box)box.remove();
box=null;
if(!p.problems.length)return;
box=el("div","position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:70vh;overflow:auto;padding:1em 1.5em;background:#111;color:#fff;border-top:.4em solid #ffd400;font:1rem/1.5 system-ui,sans-serif;text-align:left");
box.setAttribute("role","alert");
const b=el("button","float:right;font:inherit;padding:.25em .75em;background:#ffd400;color:#111;border:0",p.close);
b.type="button";
b.onclick=()=>box.remove();
const ul=el("ul","margin:.5em 0 0;padding-left:1.25em");
for(const q of p.problems){const li=el("li","margin:.5em 0"),at=[q.file,q.line,q.col].filter(x=>x).join(":");if(at)li.append(el("code","color:#ffd400;font-weight:bold",at+" "));li.append(q.message);if(q.hint)li.append(el("div","color:#ddd",q.hint));ul.append(li)}
box.append(b,el("strong","display:block;font-size:1.25em;color:#ffd400",p.title),el("div","",p.note),ul);
(document.body||document.documentElement).append(box)});
})();</script>`

// injectScript returns a copy of the HTML page with reloadScript inserted
// before its last </body>, or appended when it has none. page is not changed.
func injectScript(page []byte) []byte {
	at := lastIndexFold(page, "</body")
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(reloadScript))
	out = append(out, page[:at]...)
	out = append(out, reloadScript...)
	return append(out, page[at:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case; tag must be lower case.
func lastIndexFold(s []byte, tag string) int {
	for i := len(s) - len(tag); i >= 0; i-- {
		if s[i] == '<' && bytes.EqualFold(s[i:i+len(tag)], []byte(tag)) {
			return i
		}
	}
	return -1
}
