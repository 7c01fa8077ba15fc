// Keeps a page true on a later day than it was built for: marks today,
// hides what has ended in lists of what is coming ([data-past]) and says
// whether the centre is open now. The page is complete without it.
(function () {
  var d = document, h = d.documentElement, zone = h.getAttribute("data-zone"), now = new Date(), today;
  try {
    today = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch (e) {
    return;
  }
  if (!/^\d{4}-\d\d-\d\d$/.test(today)) return;
  var wd = new Date(today + "T12:00:00Z").getUTCDay();
  function each(sel, f) { Array.prototype.forEach.call(d.querySelectorAll(sel), f); }
  function mark(e, on) {
    e.classList.toggle("is-today", on);
    if (on) e.setAttribute("aria-current", "date"); else e.removeAttribute("aria-current");
    var l = e.querySelector(".today-label");
    if (l) l.textContent = on ? h.getAttribute("data-today") : "";
  }
  each("[data-past] [data-end]", function (e) { if (new Date(e.getAttribute("data-end")) <= now) e.hidden = true; });
  each("[data-date]", function (e) { mark(e, e.getAttribute("data-date") === today); });
  each("[data-past] [data-date]", function (e) { if (e.getAttribute("data-date") < today) e.hidden = true; });
  // A day whose every activity has ended goes too; a list left with nothing
  // shows its "nothing more" line, so no heading stands above nothing.
  each("[data-past] [data-date]", function (e) { if (e.querySelector("[data-end]") && !e.querySelector("[data-end]:not([hidden])")) e.hidden = true; });
  each("[data-none]", function (e) {
    var c = e.closest("[data-past]") || e.previousElementSibling;
    if (!c || c.querySelector("[data-date]:not([hidden]), [data-end]:not([hidden])")) return;
    e.hidden = false;
    if (!c.contains(e)) c.hidden = true;
  });
  each("[data-weekday]", function (e) { mark(e, +e.getAttribute("data-weekday") === wd); });
  var j = d.getElementById("kp-data");
  if (!j) return;
  var days = JSON.parse(j.textContent).days || [], t, open = false;
  days.forEach(function (x) {
    if (x.date === today) t = x;
    (x.open || []).forEach(function (iv) { if (new Date(iv[0]) <= now && now < new Date(iv[1])) open = true; });
  });
  each("[data-today-hours]", function (e) { if (t) e.textContent = t.label + ": " + t.text; });
  each("[data-open-now]", function (e) {
    if (!t) return;
    e.textContent = e.getAttribute(open ? "data-yes" : "data-no");
    e.hidden = false;
  });
})();
