// Usage: node screenshots.mjs PUBLIC-DIR OUT-DIR YYYY-MM-DD
//
// Takes screenshots of a built site, as a resident sees it on a phone
// (360 CSS px wide, the whole page, cut off at maxHeight) and on a desktop
// (1280x800, what the screen shows before scrolling). It serves PUBLIC-DIR
// on 127.0.0.1 itself, opens each page in headless Chromium with the clock
// set to 10:30 on the day the site was built for (so the small script on
// the pages shows the same "today" as the build), and writes
// OUT-DIR/<name>-360.png and OUT-DIR/<name>-1280.png.
//
// A page that the site does not have is skipped with a message; the other
// pages are still taken. Exits 1 when no page could be taken.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";

const [dir, outDir, today] = process.argv.slice(2);
if (!dir || !outDir || !/^\d{4}-\d{2}-\d{2}$/.test(today || "")) {
  console.error("usage: node screenshots.mjs PUBLIC-DIR OUT-DIR YYYY-MM-DD");
  process.exit(2);
}

// isoWeek returns "2026-W48" for the day the site was built for.
function isoWeek(day) {
  const d = new Date(day + "T12:00:00Z");
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7)); // the Thursday of its week
  const year = d.getUTCFullYear();
  const week = 1 + Math.floor((d - Date.UTC(year, 0, 1)) / 86400000 / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}
const week = isoWeek(today);

// The pages to take, by name: the first of the paths that the site has is
// taken. Add a page with a line here.
const pages = [
  { name: "home", paths: ["/"] },
  { name: "agenda", paths: ["/agenda/", "/calendar/"] },
  { name: "week", paths: [`/agenda/week/${week}/`, `/calendar/week/${week}/`] },
  { name: "activity", paths: ["/activiteiten/koffieochtend/", "/activities/coffee-morning/"] },
  { name: "filter", paths: ["/activiteiten/gratis/", "/activities/free/", "/activiteiten/vrije-inloop/", "/activities/walk-in/"] },
  { name: "poster", paths: ["/activiteiten/koffieochtend/poster/", "/activities/coffee-morning/poster/"] },
  { name: "week-poster", paths: [`/agenda/week/${week}/poster/`, `/calendar/week/${week}/poster/`] },
  { name: "opening-hours", paths: ["/openingstijden/", "/opening-hours/"] },
];
const widths = [
  { width: 360, fullPage: true },
  { width: 1280, fullPage: false },
];
const viewportHeight = 800;
const maxHeight = 3000; // a phone screenshot longer than this is cut off

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".ics": "text/calendar", ".xml": "application/xml", ".json": "application/json" };

// file returns the file a path of the site is published as, or "".
function file(path) {
  let f = normalize(join(dir, decodeURIComponent(path.split("?")[0])));
  if (!f.startsWith(normalize(dir))) return "";
  if (existsSync(f) && statSync(f).isDirectory()) f = join(f, "index.html");
  return existsSync(f) ? f : "";
}

const server = createServer((req, res) => {
  const f = file(req.url);
  if (!f) {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(200, { "Content-Type": types[extname(f)] || "application/octet-stream" }).end(readFileSync(f));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--font-render-hinting=none"],
});
mkdirSync(outDir, { recursive: true });
let taken = 0, skipped = 0;
try {
  for (const w of widths) {
    const context = await browser.newContext({ viewport: { width: w.width, height: viewportHeight }, deviceScaleFactor: 1, locale: "nl-NL", timezoneId: "Europe/Amsterdam", reducedMotion: "reduce" });
    await context.clock.setFixedTime(new Date(`${today}T10:30:00+01:00`));
    // Nothing leaves the machine: the site loads nothing from another host.
    await context.route("**/*", (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort("blockedbyclient")));
    const page = await context.newPage();
    for (const p of pages) {
      const path = p.paths.find((x) => file(x));
      if (!path) {
        if (w === widths[0]) {
          console.error(`skipped ${p.name}: the site has none of ${p.paths.join(", ")}`);
          skipped++;
        }
        continue;
      }
      await page.goto(base + path, { waitUntil: "load" });
      const out = join(outDir, `${p.name}-${w.width}.png`);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const clip = w.fullPage && height > maxHeight ? { x: 0, y: 0, width: w.width, height: maxHeight } : undefined;
      await page.screenshot({ path: out, fullPage: w.fullPage, clip, animations: "disabled", caret: "hide" });
      console.log(`${out}  ${path}`);
      taken++;
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.error(`${taken} screenshots, ${skipped} pages skipped`);
if (taken === 0) process.exit(1);
