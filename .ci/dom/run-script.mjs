// Usage: node run-script.mjs PAGE.html NOW
//
// Loads a built page in jsdom with the clock set to NOW (an RFC 3339 instant),
// runs its inline scripts, and prints what a visitor would see of the parts
// the page script changes, as JSON.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const [file, now] = process.argv.slice(2);
if (!file || !now) {
  console.error("usage: node run-script.mjs PAGE.html NOW");
  process.exit(2);
}
const fixed = new Date(now).getTime();
if (Number.isNaN(fixed)) {
  console.error("NOW is not a date: " + now);
  process.exit(2);
}
const dom = new JSDOM(readFileSync(file, "utf8"), {
  runScripts: "dangerously",
  beforeParse(window) {
    const RealDate = window.Date;
    class FakeDate extends RealDate {
      constructor(...args) {
        if (args.length === 0) super(fixed);
        else super(...args);
      }
      static now() {
        return fixed;
      }
    }
    window.Date = FakeDate;
    window.Intl = Intl;
  },
});
const d = dom.window.document;
const visible = (e) => {
  for (let x = e; x; x = x.parentElement) if (x.hidden) return false;
  return true;
};
// The text a visitor sees in e, hidden parts and headings left out.
const shownText = (e) => {
  let text = "";
  for (const w = d.createTreeWalker(e, dom.window.NodeFilter.SHOW_TEXT); w.nextNode(); ) {
    const p = w.currentNode.parentElement;
    if (visible(p) && !p.closest("h1, h2, h3, h4, h5, h6")) text += w.currentNode.data;
  }
  return text.trim();
};
const out = {
  today: [...d.querySelectorAll(".is-today")].map((e) => e.getAttribute("data-date") || "weekday " + e.getAttribute("data-weekday")),
  current: [...d.querySelectorAll('[aria-current="date"]')].map((e) => e.getAttribute("data-date") || "weekday " + e.getAttribute("data-weekday")),
  hiddenEnds: [...d.querySelectorAll("[data-end]")].filter((e) => !visible(e)).map((e) => e.getAttribute("data-end")),
  shownEnds: [...d.querySelectorAll("[data-end]")].filter(visible).map((e) => e.getAttribute("data-end")),
  hiddenDays: [...d.querySelectorAll("[data-date]")].filter((e) => !visible(e)).map((e) => e.getAttribute("data-date")),
  todayHours: [...d.querySelectorAll("[data-today-hours]")].map((e) => e.textContent),
  openNow: [...d.querySelectorAll("[data-open-now]")].filter(visible).map((e) => e.textContent),
  // Lists of what is coming, and days in them, that are shown but say
  // nothing below their heading.
  bare: [...d.querySelectorAll("[data-past], [data-past] [data-date]")]
    .filter((e) => visible(e) && shownText(e) === "")
    .map((e) => e.getAttribute("data-date") || e.tagName.toLowerCase() + " under " + (e.closest("section")?.querySelector("h2")?.textContent || "?")),
};
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
