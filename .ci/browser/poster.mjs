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
//
// Every request must go to BASE-URL; any other is blocked and reported as
// {"path", "remote"}. Exits 1 when a page cannot be opened.
import { chromium } from "playwright-core";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [base, outDir, ...paths] = process.argv.slice(2);
const origin = new URL(base).origin;
const out = (o) => console.log(JSON.stringify(o));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// A4 at 96 CSS px per inch.
const a4 = { width: Math.round((210 / 25.4) * 96), height: Math.round((297 / 25.4) * 96) };

try {
  const page = await browser.newPage({ viewport: a4, deviceScaleFactor: 2 });
  let current = "";
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== origin) {
      out({ path: current, remote: url });
      return route.abort("blockedbyclient");
    }
    return route.continue();
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
    out({ path, pages, qr, qrWidth });
    await page.emulateMedia({ media: "screen" });
  }
} finally {
  await browser.close();
}
