// Usage: node axe.mjs BASE-URL PATH...
//
// Opens every page in headless Chromium at a phone's width and a desktop's,
// runs axe-core with the WCAG 2.2 A and AA rules, and prints one JSON line
// per violation: {"width", "path", "rule", "impact", "target", "summary"}.
// Exits 1 when a page cannot be opened.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    for (const path of paths) {
      const resp = await page.goto(base + path);
      if (!resp || resp.status() >= 400) {
        console.error(`cannot open ${path}: ${resp && resp.status()}`);
        process.exit(1);
      }
      await page.addScriptTag({ content: axe });
      const r = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }));
      for (const v of r.violations) {
        for (const n of v.nodes) {
          console.log(JSON.stringify({ width, path, rule: v.id, impact: v.impact, target: n.target.join(" "), summary: n.failureSummary }));
        }
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
