// Usage: node axe.mjs BASE-URL [--jobs=N] [--full] PATH... [--light PATH...]
//
// Opens every page in one headless Chromium, at a small phone's width (320
// CSS px), at 640 (a desktop zoomed to 200%) and at a desktop's (1280), and
// checks what a resident's browser shows. The pages after --light (until a
// --full) get only the checks that cost little: scroll-320, tap-target,
// cell-overflow, cancelled, bare-heading, remote, the weight, text-zoom, and
// focus-visible over the first 30 elements in the order Tab reaches them
// (the skip link, the menu and the first of the page's own links), focused
// from a script; the others (the default) get every check, focus-visible by
// pressing Tab through the whole page. --jobs=N checks N pages at a time,
// each in a tab of its own (default 1). CHROMIUM names the browser; the old
// headless shell (chromium-headless-shell) lays out pages as Chromium does,
// for about half the processor time.
//
//   axe-core      the WCAG 2.2 A and AA rules of axe-core, at both widths
//   scroll-320    the page does not scroll sideways at 320 px (WCAG 1.4.10)
//   tap-target    links, buttons and form fields are at least 24x24 px or have
//                 room around them (WCAG 2.5.8); links inside a sentence are
//                 exempt, as the criterion says; at both widths (axe-core's
//                 own target-size rule leaves many cases undecided)
//   focus-visible every element Tab reaches has an outline or shadow that
//                 differs from how it looks unfocused (WCAG 2.4.7)
//   text-zoom     with the text at 200% (the root font size doubled, as the
//                 browser's text size setting does) on the desktop, and with
//                 the whole page zoomed to 200% (a 1280 px screen then lays the
//                 page out at 640 CSS px), nothing leaves the screen sideways
//                 (WCAG 1.4.4)
//   cell-overflow no table cell's content sticks out of it (a long word in
//                 the month grid), at both widths
//   cancelled     a cancelled date (.occ-cancelled) is struck through and says
//                 so in words (.status-cancelled)
//   bare-heading  no heading stands above nothing: some text follows it
//                 before the next heading of its rank or the end of its section
//   remote        every request goes to the server at BASE-URL; any other is
//                 blocked before it leaves the machine, and reported
//
// It prints one JSON line per finding: {"width", "path", "rule", "impact",
// "target", "summary"}, and one line per page with the bytes of its HTML
// plus its style sheets and whether it had every check: {"path", "weight",
// "full"}. The caller decides which pages must stay under which weight.
// The last line on stderr says how many pages were checked in what time.
// Exits 1 when a page cannot be opened.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, ...rest] = process.argv.slice(2);
let parallel = 1;
const jobs = [];
for (let i = 0, full = true; i < rest.length; i++) {
  const a = rest[i];
  if (a === "--light") full = false;
  else if (a === "--full") full = true;
  else if (a.startsWith("--jobs=")) parallel = Math.max(1, parseInt(a.slice(7), 10) || 1);
  else jobs.push({ path: a, full });
}
const origin = new URL(base).origin;
const out = (o) => console.log(JSON.stringify(o));

// Requests to other hosts never leave the machine: the browser sends every
// request that is not for the loopback server to a proxy that is this
// script's own socket on 127.0.0.1, which closes each connection at once
// (so a name is never looked up and an address never dialled, whether the
// page names a host or an IP address), and its resolver knows no name but
// the loopback address. Each such request is reported (see worker). Unlike
// intercepting every request, this leaves the browser's cache on, so a
// style sheet or photo that many pages share is fetched once.
const sink = createServer((socket) => socket.destroy());
await new Promise((ok) => sink.listen(0, "127.0.0.1", ok));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    `--proxy-server=http://127.0.0.1:${sink.address().port}`, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
});

// The bytes of each style sheet of the server at BASE-URL, by its address:
// weighed once, however many pages use it (the cache serves it to most of
// them).
const sheetBytes = new Map();
function sheetWeight(url) {
  if (!sheetBytes.has(url)) {
    sheetBytes.set(url, fetch(url).then((r) => (r.ok ? r.arrayBuffer() : new ArrayBuffer(0))).then((b) => b.byteLength, () => 0));
  }
  return sheetBytes.get(url);
}

// Runs in the page: the addresses of its style sheets, those they import
// among them.
function sheetURLs() {
  const urls = new Set();
  const walk = (sheet) => {
    if (sheet.href) urls.add(sheet.href);
    let rules = [];
    try { rules = sheet.cssRules; } catch { /* another origin's sheet: its rules cannot be read */ }
    for (const r of rules) if (r instanceof CSSImportRule && r.styleSheet) walk(r.styleSheet);
  };
  for (const s of document.styleSheets) walk(s);
  return [...urls];
}

// Runs in the page: the targets WCAG 2.5.8 counts, and those that fail it.
function targetSize() {
  const sel = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex='-1'])";
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + ` "${(el.textContent || el.value || "").trim().slice(0, 40)}"`;
  const vw = document.documentElement.clientWidth;
  const targets = [];
  for (const el of document.querySelectorAll(sel)) {
    const cs = getComputedStyle(el);
    if (cs.visibility === "hidden" || el.closest("[hidden], [aria-hidden=true]")) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0 || r.left >= vw + 1000) continue; // not shown (skip link waits off-screen)
    if (cs.clipPath && cs.clipPath !== "none" && r.width <= 1) continue;
    targets.push({ el, r, cs });
  }
  // A link in a sentence: shown inline, in a block that holds other words.
  const inline = (t) => (t.inline ??= inSentence(t));
  const inSentence = (t) => {
    if (!t.cs.display.startsWith("inline") || t.cs.display === "inline-block" || t.cs.display === "inline-flex") return false;
    let block = t.el.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    if (!block) return false;
    if (!words.has(block)) {
      let own = "";
      for (const w = document.createTreeWalker(block, NodeFilter.SHOW_TEXT); w.nextNode(); ) {
        if (!w.currentNode.parentElement.closest(sel)) own += w.currentNode.data;
      }
      words.set(block, /\S/.test(own));
    }
    return words.get(block);
  };
  const words = new Map(); // block -> whether it holds words outside targets
  const small = (t) => t.r.width < 23.95 || t.r.height < 23.95;
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const distToRect = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  // Targets by the 24 px squares they cover, so that only those near a
  // target are compared with it (a list of a thousand links).
  const grid = new Map(), wide = [];
  const cells = (a, b) => { const out = []; for (let i = Math.floor(a / 24); i <= Math.floor(b / 24); i++) out.push(i); return out; };
  targets.forEach((o, i) => {
    o.i = i;
    const xs = cells(o.r.left, o.r.right), ys = cells(o.r.top, o.r.bottom);
    if (xs.length * ys.length > 400) return wide.push(o);
    for (const x of xs) for (const y of ys) {
      const k = x + "," + y;
      if (!grid.has(k)) grid.set(k, []);
      grid.get(k).push(o);
    }
  });
  const near = ([x, y]) => {
    const seen = new Set(wide);
    for (const i of cells(x - 24, x + 24)) for (const j of cells(y - 24, y + 24)) for (const o of grid.get(i + "," + j) || []) seen.add(o);
    return [...seen].sort((a, b) => a.i - b.i);
  };
  const bad = [];
  for (const t of targets) {
    if (!small(t) || inline(t)) continue;
    const c = centre(t.r);
    // The spacing exception: a 24 px circle on the target's centre touches no
    // other target and no other undersized target's circle.
    const clash = near(c).find((o) => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) &&
      (distToRect(c, o.r) < 12 || (small(o) && !inline(o) && Math.hypot(c[0] - centre(o.r)[0], c[1] - centre(o.r)[1]) < 24)));
    if (clash) bad.push({ target: name(t.el), summary: `${Math.round(t.r.width)}x${Math.round(t.r.height)} px, closer than 24 px to ${name(clash.el)}` });
  }
  return bad;
}

// Runs in the page: whether anything sticks out sideways.
function overflow() {
  const s = document.scrollingElement;
  const vw = s.clientWidth;
  const bad = [];
  if (s.scrollWidth > vw) {
    // Name the widest element that starts inside the screen and ends past it.
    let worst = null;
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > vw + 0.5 && r.left < vw && (!worst || r.right > worst.r.right || (r.right === worst.r.right && el.contains(worst.el) === false))) worst = { el, r };
    }
    if (!worst) {
      // Text running out of its box: the innermost box it runs out of.
      for (const el of document.body.querySelectorAll("*")) if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) worst = { el };
    }
    const who = worst ? worst.el.tagName.toLowerCase() + (worst.el.className ? "." + String(worst.el.className).trim().split(/\s+/).join(".") : "") : "?";
    bad.push({ target: who, summary: `page is ${s.scrollWidth} px wide on a ${vw} px screen` });
  }
  return bad;
}

// Runs in the page: remembers how every focusable element looks unfocused.
function rememberFocusLooks() {
  const look = (el) => { const cs = getComputedStyle(el); return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow].join("|"); };
  window.__unfocused = new Map();
  for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")) window.__unfocused.set(el, look(el));
}

// Runs in the page: records, for every element keyboard focus lands on, whether
// that shows: an outline or shadow, different from how it looked unfocused.
function watchFocus() {
  const transparent = (c) => c === "transparent" || /rgba\([^)]*,\s*0\)$/.test(c);
  window.__focused = [];
  document.addEventListener("focusin", (ev) => {
    const el = ev.target;
    const cs = getComputedStyle(el);
    const now = [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow].join("|");
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor);
    const shadow = cs.boxShadow !== "none";
    const name = el.tagName.toLowerCase() + ` "${(el.textContent || el.value || "").trim().slice(0, 40)}"`;
    window.__focused.push({ el, name, shows: (outline || shadow) && now !== window.__unfocused.get(el) });
  });
}

// Tabs through the page once, from the top to past the last element, or
// through its first limit elements.
async function focusCheck(page, limit) {
  await page.evaluate(rememberFocusLooks);
  await page.evaluate(watchFocus);
  const all = await page.evaluate(() => [...window.__unfocused.keys()].filter((el) => el.tabIndex >= 0 && !el.disabled).length);
  const n = Math.min(all, limit);
  if (limit !== Infinity) {
    // The first n elements in the order Tab reaches them (a positive
    // tabindex first, then the document's order), focused from a script
    // rather than by n presses of Tab: :focus-visible matches as it does
    // for the keyboard (no pointer was used), for far less work, as the
    // browser draws nothing in between. The pages with every check press
    // Tab, and so check that order too.
    await page.evaluate((n) => {
      const order = [...window.__unfocused.keys()].filter((el) => el.tabIndex >= 0 && !el.disabled && el.checkVisibility({ visibilityProperty: true }));
      const first = order.filter((el) => el.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex);
      for (const el of [...first, ...order.filter((el) => el.tabIndex === 0)].slice(0, n)) el.focus({ focusVisible: true, preventScroll: true });
      document.activeElement?.blur();
    }, n);
    return page.evaluate(focusFindings);
  }
  // The presses are sent one after another without waiting for each to be
  // handled: the browser still handles them in order and focusin records
  // the same elements as pressing one at a time, for much less processor
  // time (36 pages of the generated site with the light checks: 24.4 s
  // before, 17.7 s after).
  await Promise.all(Array.from({ length: n + 1 }, () => page.keyboard.press("Tab")));
  return page.evaluate(focusFindings);
}

// Runs in the page: the elements focus landed on that did not show it.
function focusFindings() {
  const seen = new Set(), bad = [];
  for (const f of window.__focused) {
    if (seen.has(f.el)) continue;
    seen.add(f.el);
    if (!f.shows) bad.push({ target: f.name, summary: "keyboard focus is not visible: no outline or shadow that differs from unfocused" });
  }
  return bad;
}

// Runs in the page: cells whose content is wider than they are.
function cellOverflow() {
  const bad = [];
  for (const c of document.querySelectorAll("td, th")) {
    if (c.getClientRects().length && c.scrollWidth > c.clientWidth + 1) {
      bad.push({ target: c.tagName.toLowerCase() + ` "${c.textContent.trim().slice(0, 40)}"`, summary: `content is ${c.scrollWidth} px wide in a ${c.clientWidth} px cell` });
    }
  }
  return bad;
}

// Runs in the page: cancelled dates that do not look cancelled.
function cancelled() {
  const bad = [];
  for (const li of document.querySelectorAll(".occ-cancelled")) {
    const what = li.querySelector("a, .date, .time");
    const struck = what && getComputedStyle(what).textDecorationLine.includes("line-through");
    const word = li.querySelector(".status-cancelled");
    const says = word && word.textContent.trim() !== "";
    if (!struck || !says) {
      bad.push({ target: `li "${li.textContent.trim().slice(0, 40)}"`, summary: [struck ? "" : "not struck through", says ? "" : "no word saying it is cancelled"].filter(Boolean).join("; ") });
    }
  }
  return bad;
}

// Runs in the page: headings with no text under them.
function bareHeadings() {
  const bad = [];
  const rank = (el) => (/^H[1-6]$/.test(el.tagName) ? +el.tagName[1] : 0);
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    if (!h.checkVisibility()) continue;
    const scope = h.parentElement.closest("section, article, aside, nav, main, header, footer, body");
    const w = document.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    w.currentNode = h;
    let said = false;
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (h.contains(n)) continue; // the heading's own words
      if (n.nodeType === 1 && rank(n) && rank(n) <= rank(h)) break;
      if (n.nodeType === 3 && /\S/.test(n.data) && n.parentElement.checkVisibility()) { said = true; break; }
      if (n.nodeType === 1 && (n.tagName === "IMG" || n.tagName === "TABLE") && n.checkVisibility()) { said = true; break; }
    }
    if (!said) bad.push({ target: h.tagName.toLowerCase() + ` "${h.textContent.trim().slice(0, 40)}"`, summary: "heading with nothing under it" });
  }
  return bad;
}

// An expression run in the page: with the root font size doubled (as the
// browser's text size setting does), whether anything sticks out sideways.
// One step in the page, so that the browser draws nothing with the large
// text.
const largeText = `(() => {
  const overflow = ${overflow};
  const root = document.documentElement.style, was = root.fontSize;
  root.fontSize = "200%";
  const bad = overflow().map((b) => ({ ...b, summary: "text at 200%: " + b.summary }));
  root.fontSize = was;
  return bad;
})()`;

// One worker's tab: the checks of every page it is given, one at a time.
async function worker(queue) {
  const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
  let current = "", width = 320, html = 0;
  // Every request to another host is reported; it fails at the proxy.
  const remote = (url) => {
    const u = new URL(url);
    return !["data:", "blob:", "about:"].includes(u.protocol) && u.origin !== origin;
  };
  page.on("request", (req) => {
    if (remote(req.url())) out({ width, path: current, rule: "remote", impact: "serious", target: req.url(), summary: "request to another host (blocked)" });
  });
  let inflight = 0;
  page.on("request", () => inflight++);
  page.on("requestfinished", () => inflight--);
  page.on("requestfailed", () => inflight--);
  // The page is opened once, at the width the last one ended at, and then
  // made wider or narrower: 320, 640 and 1280 px one way for one page, the
  // other way for the next, so that no page is laid out at a width only to
  // be opened again. The layout at each width is the same as that of a page
  // opened at it, and a request a width makes (a larger photo) is waited
  // for, so a remote one is reported.
  let up = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    const { path, full } = job;
    current = path;
    const widths = up ? [320, 640, 1280] : [1280, 640, 320];
    up = !up;
    for (const [i, w] of widths.entries()) {
      width = w;
      if (i === 0) {
        inflight = 0;
        const resp = await page.goto(base + path, { waitUntil: "load" });
        if (!resp || resp.status() >= 400) {
          console.error(`cannot open ${path}: ${resp && resp.status()}`);
          process.exit(1);
        }
        html = (await resp.body()).length;
      } else {
        await page.setViewportSize({ width, height: width === 640 ? 400 : 800 });
        await page.evaluate(() => { scrollTo(0, 0); return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))); });
        for (let i = 0; inflight > 0 && i < 100; i++) await new Promise((ok) => setTimeout(ok, 10));
      }
      const report = (rule, list) => { for (const b of list) out({ width, path, rule, impact: "serious", target: b.target, summary: b.summary }); };
      if (width === 640) {
        // A 1280 by 800 screen with the page zoomed to 200%.
        report("text-zoom", (await page.evaluate(overflow)).map((b) => ({ ...b, summary: "page zoomed to 200%: " + b.summary })));
        continue;
      }
      if (width === 320) report("scroll-320", await page.evaluate(overflow));
      report("tap-target", await page.evaluate(targetSize));
      report("cell-overflow", await page.evaluate(cellOverflow));
      if (width === 1280) report("cancelled", await page.evaluate(cancelled));
      if (width === 1280) report("bare-heading", await page.evaluate(bareHeadings));
      if (full) {
        if (!(await page.evaluate(() => typeof axe !== "undefined"))) await page.addScriptTag({ content: axe });
        // Every rule runs on every element; only the violations are
        // reported, so axe-core need not work out a selector for each
        // element that passed (resultTypes), and only they come back.
        const r = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"], resultTypes: ["violations"] })
          .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }))));
        for (const v of r) {
          for (const n of v.nodes) {
            out({ width, path, rule: v.id, impact: v.impact, target: n.target.join(" "), summary: n.failureSummary });
          }
        }
      }
      if (width === 1280) {
        report("focus-visible", await focusCheck(page, full ? Infinity : 30));
        report("text-zoom", await page.evaluate(largeText));
        // A sheet from another host was reported and never loaded.
        const sheets = (await page.evaluate(sheetURLs)).filter((u) => !remote(u));
        const sizes = await Promise.all(sheets.map(sheetWeight));
        out({ path, weight: sizes.reduce((a, b) => a + b, html), full });
      }
    }
  }
  await page.close();
}

const started = Date.now();
try {
  const queue = jobs.slice();
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, () => worker(queue)));
} finally {
  await browser.close();
  sink.close();
}
const full = jobs.filter((j) => j.full).length;
console.error(`checked ${jobs.length} pages (${full} with every check, ${jobs.length - full} with the light ones) in ${((Date.now() - started) / 1000).toFixed(1)} s, ${parallel} at a time`);
