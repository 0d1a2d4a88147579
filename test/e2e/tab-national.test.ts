// «Hele landet» in the tab (issue 24, the guide's third level of data), in headless Chromium outside Teams (local
// mode): the demo corps and three more — a young corps and one of three cases in another tenant. The national centre's demo user
// (in no corps) sees the figures across every corps and the list of corps municipalities with their coordinators; the
// corps of three cases shows no figure of its own. The demo leader sees their corps beside the country, and no list.
// A mentor has no «Hele landet». At desktop and phone width, with no WCAG 2.1 AA violation axe can find. The app's
// clock stands still at TEST_START: nothing depends on today's date. Screenshots: /tmp/loft-tab-national-*.png.
import type { Page } from "playwright-core";
import { startTestApp, TEST_START } from "../helpers/app";
import { haveChromium, launchChromium } from "../helpers/browser";
import { acrossThemes, axe, fitsWidth, signInTab } from "../helpers/tab";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import { seedSmallCorps, sixAndTwo, threeCases, youngCorps } from "../integration/dashboard-corps";

const CORPS = [DEMO.corpsId, "seks-og-to", "ung", "tre"];
const YEAR = TEST_START.toISOString().slice(0, 4);
/** Cases opened this year in the corps, counted here from the store (the year in Copenhagen). */
async function openedThisYear(corps: string[]) {
  const cases = (await Promise.all(corps.map((id) => app.store.repos.cases.list(id)))).flat();
  return cases.filter((c) => new Date(c.openedAt).toLocaleString("sv-SE", { timeZone: "Europe/Copenhagen" }).startsWith(YEAR)).length;
}
const run = haveChromium() || process.env.LOFT_REQUIRE_BROWSER ? test : test.skip;
const DESKTOP = { width: 1280, height: 1000 };
const PHONE = { width: 390, height: 844 };
const clock = manualClock(TEST_START);
let app: RunningApp;

beforeAll(async () => {
  app = await startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  await seedSmallCorps(app.store, { ...sixAndTwo("seks-og-to", "19:seks-og-to@thread.tacv2", "0000000e-0000-0000-0000-000000000004"), municipalityCode: "0101" });
  await seedSmallCorps(app.store, { ...youngCorps("ung", "19:ung@thread.tacv2", "0000000f-0000-0000-0000-000000000004"), tenantId: "0000000b-0000-0000-0000-000000000000", municipalityCode: "0751" });
  await seedSmallCorps(app.store, { ...threeCases("tre", "19:tre@thread.tacv2", "0000000c-0000-0000-0000-000000000004"), tenantId: "0000000b-0000-0000-0000-000000000000", municipalityCode: "0851" });
});
afterAll(() => app?.close());

const signIn = (page: Page, who: RegExp, query = "") => signInTab(page, app.url, who, query);

/** The list's rows: municipality cell text, coordinators, active cases and departures, per corps id. */
async function listRows(page: Page) {
  await page.getByTestId("corps-list").waitFor();
  return page.getByTestId("corps-row").evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute("data-corps"), Array.from(r.querySelectorAll("[data-cell]")).map((c) => (c as HTMLElement).innerText.replace(/\s+/g, " ").trim())])),
  );
}

run("the national centre: the country's figures and the corps municipalities with their coordinators, at desktop and phone width", async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const ctx = await launchChromium({ viewport });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      await signIn(page, /^Nina Nationalt Center/);
      await expect(page.locator("h1").innerText()).resolves.toBe("Løft · Hele landet");
      // One view only: no tabs to choose from, no corps' own views.
      await expect(page.getByRole("tab").count()).resolves.toBe(0);
      const rows = await listRows(page);
      expect(Object.keys(rows).sort()).toEqual([...CORPS].sort());
      expect(rows.tre[0]).toContain("Aalborg");
      expect(rows.tre[1]).toBe("Kaj Koordinator");
      expect(rows.tre[2]).toBe("Skjult"); // three cases: never shown on its own
      expect(rows["seks-og-to"][0]).toContain("København");
      expect(rows[DEMO.corpsId][1]).toBe("Demo Koordinator");
      // The country's figures: cases opened this year over all four corps.
      await expect(page.getByTestId("national-note").innerText()).resolves.toContain("samler 4 korps");
      const shownNew = await page.locator('[data-testid="new-total"] [data-figure]').first().getAttribute("data-figure");
      expect(Number(shownNew)).toBe(await openedThisYear(CORPS));
      await fitsWidth(page);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/loft-tab-national-centre-${viewport.width}.png`, fullPage: true });
    } finally {
      await ctx.close();
    }
  }
}, 180_000);

run("a corps' leader sees the corps beside the whole country — and not the list of corps; a mentor has no «Hele landet»", async () => {
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Demo Leder \(/);
    await page.getByRole("tab", { name: "Hele landet", exact: true }).click();
    await page.getByTestId("national-beside").waitFor();
    const cells = await page.locator('[data-testid="national-beside"] tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => (c as HTMLElement).innerText.trim())));
    // Cases opened this year: the demo corps' own, and the country's over all four corps.
    expect(cells[1]).toEqual(["Nye forløb i perioden", String(await openedThisYear([DEMO.corpsId])), String(await openedThisYear(CORPS))]);
    // Active cases today: the country's is hidden — only the corps of three hides its own, so the country's minus the
    // others' would be its three.
    expect(cells[0][0]).toBe("Aktive forløb i dag");
    expect(cells[0][2]).toBe("Skjult");
    await expect(page.getByTestId("corps-list").count()).resolves.toBe(0);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/loft-tab-national-leader.png", fullPage: true });

    await ctx.clearCookies();
    await signIn(page, /^Demo Mentor \(/);
    await expect(page.getByRole("tab", { name: "Hele landet", exact: true }).count()).resolves.toBe(0);
  } finally {
    await ctx.close();
  }
}, 180_000);

run("in English, and in Teams' dark and high-contrast themes at 320 px", async () => {
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Nina Nationalt Center/, "?lang=en");
    await expect(page.locator("h1").innerText()).resolves.toBe("Løft · Whole country");
    await page.getByTestId("corps-list").waitFor();
    await expect(page.getByRole("columnheader", { name: "Coordinators" }).count()).resolves.toBe(1);
  } finally {
    await ctx.close();
  }
  const found = await acrossThemes("loft-tab-national", async (page, query, check) => {
    await signIn(page, /^Nina Nationalt Center/, query);
    await page.getByTestId("corps-list").waitFor();
    await check();
  });
  expect(found).toEqual([]);
}, 300_000);
