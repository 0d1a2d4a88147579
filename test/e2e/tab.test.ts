// The leaders' tab in headless Chromium (issue 10): opened outside Teams in local mode, signed in as the demo leader,
// it shows the demo corps' figures from the API — every small one hidden, and said why — in Danish; screenshots in the
// default and dark theme at desktop and meeting-stage size are saved to .build/screenshots/ to be looked at.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { startTestApp } from "../helpers/app";
import { haveChromium, launchChromium } from "../helpers/browser";
import { root } from "../helpers/process";
import { eventually } from "../helpers/until";
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

run("the demo leader signs in and sees the corps' figures, small ones hidden; default, dark and high contrast, desktop and meeting stage", async () => {
  const cases = await app.store.repos.cases.list(DEMO.corpsId);
  const active = cases.filter((c) => c.status !== "closed").length;
  // The page's default period: the twelve months up to this one by the server's clock (the browser's may differ).
  const to = monthOf(app.clock());
  let from = to;
  for (let i = 0; i < 11; i++) from = previousMonth(from);
  const rounds = await app.store.repos.checkIns.listRounds(DEMO.corpsId, from, to);
  const prepared = dashboardOf({ cases, rounds }, { from, to }, app.clock()).method.preparedShare as { value: number };
  for (const [name, viewport, query] of [
    ["desktop-default", { width: 1280, height: 1000 }, ""],
    ["desktop-dark", { width: 1280, height: 1000 }, "?theme=dark"],
    ["stage-default", { width: 1920, height: 1080 }, "?stage=1"],
    ["stage-dark", { width: 1920, height: 1080 }, "?stage=1&theme=dark"],
    ["desktop-contrast", { width: 1280, height: 1000 }, "?theme=contrast"],
    ["stage-contrast", { width: 1920, height: 1080 }, "?stage=1&theme=contrast"],
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
        expect(download.suggestedFilename()).toBe(`loft-${from}-${to}.csv`); // the period by the server's clock
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

/** Opens the tab outside Teams and signs in as the demo leader (local mode). */
async function signIn(viewport: { width: number; height: number }, query = "") {
  const ctx = await launchChromium({ viewport });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`${app.url}/tab/${query}`);
  await page.getByRole("button", { name: query.includes("lang=en") ? "Sign in" : "Log ind" }).click();
  await page.locator('main[data-ready="true"]').waitFor({ timeout: 30_000 });
  return { ctx, page };
}

run("in English when Teams says so: the headings, the figures' decimal point, the hidden figures", async () => {
  const { ctx, page } = await signIn({ width: 1280, height: 1000 }, "?lang=en");
  try {
    await page.getByRole("heading", { name: /Løft — the corps' overview · Demo Kommune/ }).waitFor();
    await page.locator('[data-testid="active-total"] [data-figure]').waitFor();
    expect(await page.getByRole("heading", { name: "The method in practice" }).count()).toBe(1);
    expect(await page.locator("[data-suppressed]").first().textContent()).toBe("Hidden");
    const means = await page.locator("[data-figure]").allTextContents();
    expect(means.some((m) => /^\d+\.\d$/.test(m))).toBe(true); // 48.5, not 48,5
    await page.screenshot({ path: path.join(shots, "tab-desktop-english.png"), fullPage: true });
  } finally {
    await ctx.close();
  }
}, 120_000);

run("the learning meeting: the guide's reflection questions, each beside its figures for the period; printable", async () => {
  for (const [name, viewport, query] of [
    ["desktop", { width: 1280, height: 1000 }, ""],
    ["stage", { width: 1920, height: 1080 }, "?stage=1"],
  ] as const) {
    const { ctx, page } = await signIn(viewport, query);
    try {
      await page.locator('[data-testid="method-preparedShare"] [data-figure]').waitFor();
      const shown = await page.locator('[data-testid="method-preparedShare"] [data-figure]').getAttribute("data-figure");
      await page.getByRole("tab", { name: "Læringsmøde" }).click();
      await page.getByRole("heading", { name: "1. Refleksion over kvalitet i arbejdet med mindset, metode og redskaber i metoden" }).waitFor();
      const q = page.locator('[data-question="activities"]');
      expect(await q.getByRole("heading").textContent()).toBe("Har I, i indsatsen, gennemført de aktiviteter og brugt de værktøjer, som I gerne ville?");
      // The same figure as on the overview, beside the question it informs.
      expect(await q.locator('[data-testid="meeting-activities-method.preparedShare"] [data-figure]').getAttribute("data-figure")).toBe(shown);
      expect(await page.locator("[data-question]").count()).toBe(14);
      expect(await page.locator('[data-question="unplanned"]').textContent()).toContain("Ingen tal i Løft til dette spørgsmål");
      // Small figures are hidden here too.
      expect(await page.locator('[data-testid="meeting"] [data-suppressed]').count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(shots, `tab-meeting-${name}.png`), fullPage: true });
      if (name === "desktop") {
        // Printed: the questions and figures, not the controls.
        await page.emulateMedia({ media: "print" });
        expect(await page.getByRole("tab", { name: "Læringsmøde" }).isVisible()).toBe(false);
        expect(await page.getByRole("button", { name: "Udskriv" }).isVisible()).toBe(false);
        expect(await q.isVisible()).toBe(true);
        await page.emulateMedia({ media: "screen" });
        await page.getByRole("button", { name: "Til implementeringsplanen" }).click();
        await page.getByRole("heading", { name: "Implementeringsplan" }).waitFor();
      }
    } finally {
      await ctx.close();
    }
  }
}, 180_000);

run("the implementation plan: a phone number is refused in Danish with the text kept; the row and a checklist answer are saved for everyone", async () => {
  const { ctx, page } = await signIn({ width: 1280, height: 1000 });
  try {
    await page.getByRole("tab", { name: "Implementering" }).click();
    await page.getByText("Planen har ingen aktiviteter endnu.").waitFor();
    await page.getByRole("button", { name: "Tilføj aktivitet" }).click();
    const form = page.getByTestId("plan-form");
    await form.getByLabel("Tidsplan").fill("1. kvartal 2027");
    await form.getByLabel("Indsatsområde").click();
    await page.getByRole("option", { name: "Inddragelse" }).click();
    await form.getByLabel("Aktiviteter").fill("Læringsmøde med mentorer og forældrecoaches");
    await form.getByLabel("Ansvarlig").fill("Koordinatoren, tlf. 22 33 44 55");
    await form.getByRole("button", { name: "Gem" }).click();
    await form.getByRole("alert").waitFor();
    expect(await form.getByRole("alert").allTextContents()).toEqual(["»Ansvarlig« indeholder et telefonnummer. Skriv ingen personoplysninger i planen."]);
    expect(await form.getByLabel("Aktiviteter").inputValue()).toBe("Læringsmøde med mentorer og forældrecoaches");
    expect(await form.getByLabel("Tidsplan").inputValue()).toBe("1. kvartal 2027");
    expect((await app.store.repos.implementation.get(DEMO.corpsId)).rows).toEqual([]);

    await form.getByLabel("Ansvarlig").fill("Koordinatoren");
    await form.getByRole("button", { name: "Gem" }).click();
    await page.getByTestId("plan-table").waitFor();
    expect(await page.getByTestId("plan-table").textContent()).toContain("Læringsmøde med mentorer og forældrecoaches");
    await page.locator('[data-check="o2"]').getByLabel("Delvist").check();
    await eventually(async () => (await app.store.repos.implementation.get(DEMO.corpsId)).checklist.o2?.answer === "delvist", "the answer stored");
    const stored = await app.store.repos.implementation.get(DEMO.corpsId);
    expect(stored.rows).toEqual([expect.objectContaining({ area: "involvement", responsible: "Koordinatoren", status: "notStarted", updatedBy: DEMO.leader })]);
    await page.screenshot({ path: path.join(shots, "tab-implementation-desktop.png"), fullPage: true });
  } finally {
    await ctx.close();
  }
  // Opened again (by the coordinator, on a phone): the row and the answer are there.
  const ctx2 = await launchChromium({ viewport: { width: 390, height: 844 } });
  try {
    const page = ctx2.pages()[0] ?? (await ctx2.newPage());
    await page.goto(`${app.url}/tab/`);
    await page.getByRole("combobox", { name: "Log ind" }).click();
    await page.getByRole("option", { name: /Demo Koordinator/ }).click();
    await page.getByRole("button", { name: "Log ind" }).click();
    await page.getByRole("tab", { name: "Implementering" }).click();
    await page.getByTestId("plan-table").waitFor();
    expect(await page.getByTestId("plan-table").textContent()).toContain("Koordinatoren");
    expect(await page.locator('[data-check="o2"]').getByLabel("Delvist").isChecked()).toBe(true);
    await page.screenshot({ path: path.join(shots, "tab-implementation-phone.png"), fullPage: true });
  } finally {
    await ctx2.close();
  }
}, 180_000);

