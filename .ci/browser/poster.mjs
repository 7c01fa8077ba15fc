// Usage: node poster.mjs BASE-URL OUT-DIR PATH...
//
// Prints every poster page in headless Chromium as the print dialog does,
// on A4 with the page's own @page rules, and reports for each one line of
// JSON: {"path", "pages", "qr", "qrWidth"}:
//
//   pages    how many pages the PDF has (a poster must have exactly one)
//   qr       a PNG file in OUT-DIR with the QR code as printed, drawn by
//            the browser from the inline SVG (print media, an A4-wide
//            window at 96 px per inch, twice the pixels), for the caller
//            to decode; "" when the poster shows no code
//   qrWidth  the printed width of the code in millimetres
//   spill    what sticks out of the poster, below or sideways (a column
//            of a busy week that the sheet has no room for), laid out for
//            print in a window the size of an A4 page less 12 mm margins;
//            text cut off on purpose (inside a box that hides what
//            overflows it) does not count
//
// Every request must go to BASE-URL; any other is stopped before it leaves
// the machine and reported as
// {"path", "remote"}. Exits 1 when a page cannot be opened.
import { chromium } from "playwright-core";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";

const [base, outDir, ...paths] = process.argv.slice(2);
const origin = new URL(base).origin;
const out = (o) => console.log(JSON.stringify(o));

// Requests to other hosts never leave the machine, as in axe.mjs: they go
// to a proxy that is this script's own socket, which closes each
// connection, and the resolver knows no name. The cache stays on, so the
// style sheet and photos are fetched once for all posters.
const sink = createServer((socket) => socket.destroy());
await new Promise((ok) => sink.listen(0, "127.0.0.1", ok));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    `--proxy-server=http://127.0.0.1:${sink.address().port}`, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
});

// A4 at 96 CSS px per inch, and the part of it inside 12 mm margins.
const mm = (n) => Math.round((n / 25.4) * 96);
const a4 = { width: mm(210), height: mm(297) };
const a4Inside = { width: mm(210 - 24), height: mm(297 - 24) };

// Runs in the page: the elements of the poster that stick out of it.
function spill() {
  const main = document.querySelector("main");
  if (!main) return ["no main element"];
  const m = main.getBoundingClientRect();
  const hides = (el) => getComputedStyle(el).overflow !== "visible";
  const bad = [];
  for (const el of main.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== main; a = a.parentElement) if (hides(a)) clipped = true;
    if (clipped) continue;
    if (r.right > m.right + 1 || r.bottom > m.bottom + 1 || r.left < m.left - 1) {
      bad.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}" at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)} outside the poster's ${Math.round(m.right)}x${Math.round(m.bottom)}`);
    }
  }
  return bad.slice(0, 3);
}

try {
  const page = await browser.newPage({ viewport: a4, deviceScaleFactor: 2 });
  let current = "";
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (!["data:", "blob:", "about:"].includes(u.protocol) && u.origin !== origin) out({ path: current, remote: req.url() });
  });
  let n = 0;
  for (const path of paths) {
    current = path;
    const resp = await page.goto(base + path, { waitUntil: "load" });
    if (!resp || resp.status() >= 400) {
      console.error(`cannot open ${path}: ${resp && resp.status()}`);
      process.exit(1);
    }
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    let qr = "", qrWidth = 0;
    const svg = page.locator("svg.qr");
    if ((await svg.count()) === 1 && (await svg.isVisible())) {
      qr = join(outDir, `qr-${n++}.png`);
      await svg.screenshot({ path: qr });
      qrWidth = Math.round(((await svg.boundingBox()).width / 96) * 25.4);
    }
    await page.setViewportSize(a4Inside);
    const spilt = await page.evaluate(spill);
    await page.setViewportSize(a4);
    out({ path, pages, qr, qrWidth, spill: spilt });
    await page.emulateMedia({ media: "screen" });
  }
} finally {
  await browser.close();
  sink.close();
}
