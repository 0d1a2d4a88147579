// The leaders' tab in headless Chromium (issue 10): opened outside Teams in local mode, signed in as the demo leader,
// it shows the demo corps' figures from the API — every small one hidden, and said why — in Danish; screenshots in the
// default and dark theme at desktop and meeting-stage size are saved to .build/screenshots/ to be looked at.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { startTestApp } from "../helpers/app";
import { haveChromium, launchChromium } from "../helpers/browser";
import { root } from "../helpers/process";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";
import { dashboardOf } from "../../src/domain/dashboard";
import { monthOf, previousMonth } from "../../src/domain/time";

const run = haveChromium() || process.env.LOFT_REQUIRE_BROWSER ? test : test.skip;
const shots = path.join(root, ".build", "screenshots");
let app: RunningApp;

beforeAll(async () => {
  app = await startTestApp({ env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  mkdirSync(shots, { recursive: true });
});
afterAll(() => app?.close());

run("the demo leader signs in and sees the corps' figures, small ones hidden; default and dark, desktop and meeting stage", async () => {
  const cases = await app.store.repos.cases.list(DEMO.corpsId);
  const active = cases.filter((c) => c.status !== "closed").length;
  // The page's default period: the twelve months up to this one.
  const to = monthOf(new Date());
  let from = to;
  for (let i = 0; i < 11; i++) from = previousMonth(from);
  const rounds = await app.store.repos.checkIns.listRounds(DEMO.corpsId, from, to);
  const prepared = dashboardOf({ cases, rounds }, { from, to }, new Date()).method.preparedShare as { value: number };
  for (const [name, viewport, query] of [
    ["desktop-default", { width: 1280, height: 1000 }, ""],
    ["desktop-dark", { width: 1280, height: 1000 }, "?theme=dark"],
    ["stage-default", { width: 1920, height: 1080 }, "?stage=1"],
    ["stage-dark", { width: 1920, height: 1080 }, "?stage=1&theme=dark"],
  ] as const) {
    const ctx = await launchChromium({ viewport });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(`${app.url}/tab/${query}`);
      await page.getByRole("heading", { name: "Løft kører lokalt uden for Teams" }).waitFor();
      await page.getByRole("button", { name: "Log ind" }).click();
      await page.locator('main[data-ready="true"] [data-testid="active-total"]').waitFor({ timeout: 30_000 });
      await page.getByRole("heading", { name: /Løft — korpsets overblik · Demo Kommune/ }).waitFor();
      expect(await page.locator('[data-testid="active-total"] [data-figure]').getAttribute("data-figure")).toBe(String(active));
      expect(await page.locator('[data-testid="method-preparedShare"] [data-figure]').getAttribute("data-figure")).toBe(String(prepared.value));
      expect(await page.locator("[data-suppressed]").count()).toBeGreaterThan(0);
      expect(await page.locator("[data-suppressed]").first().textContent()).toBe("Skjult");
      expect(await page.getByRole("note").textContent()).toContain("færre end 5 forløb");
      if (name === "desktop-default") {
        // The export is a file of the same figures; hidden ones stay hidden in it.
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Eksportér CSV" }).click()]);
        const file = await download.path();
        const csv = readFileSync(file, "utf8");
        expect(csv).toContain(`Aktive forløb i alt;${active}`);
        expect(csv).toContain("skjult (færre end 5 forløb)");
      }
      await page.waitForTimeout(300); // the chart draws
      await page.screenshot({ path: path.join(shots, `tab-${name}.png`), fullPage: true });
    } finally {
      await ctx.close();
    }
  }
}, 180_000);
