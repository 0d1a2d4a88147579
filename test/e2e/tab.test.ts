// The tab in headless Chromium (issues 10 and 20): opened outside Teams in local mode, signed in as the demo leader, it
// shows the demo corps' figures from the API for a fixed period — every small one hidden, and said why — in Danish;
// signed in as the demo mentor, their own cases. Screenshots in the default, dark and high-contrast theme at desktop,
// phone (390×844) and meeting-stage size, for the demo corps, a corps of three cases and the mentor's own view, are
// saved to .build/screenshots/ to be looked at.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { startTestApp } from "../helpers/app";
import { haveChromium, launchChromium } from "../helpers/browser";
import { root } from "../helpers/process";
import { eventually } from "../helpers/until";
import { seedSmallCorps, threeCases } from "../integration/dashboard-corps";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";
import { dashboardOf } from "../../src/domain/dashboard";
import { defaultPeriod, windowPeriods } from "../../src/domain/periods";

const run = haveChromium() || process.env.LOFT_REQUIRE_BROWSER ? test : test.skip;
const shots = path.join(root, ".build", "screenshots");
const DESKTOP = { width: 1280, height: 1000 };
const PHONE = { width: 390, height: 844 };
const STAGE = { width: 1920, height: 1080 };
let app: RunningApp;

beforeAll(async () => {
  app = await startTestApp({ env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  mkdirSync(shots, { recursive: true });
});
afterAll(() => app?.close());

/** Nothing on the page is wider than the window (no text cut off at the side, no sideways scrolling). */
async function fitsWidth(page: Page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over).toBeLessThanOrEqual(0);
}

run("the demo leader signs in and sees the corps' figures for this year, small ones hidden; default, dark and high contrast, desktop, phone and meeting stage", async () => {
  const cases = await app.store.repos.cases.list(DEMO.corpsId);
  const active = cases.filter((c) => c.status !== "closed").length;
  // The page's default period: this year by the server's clock (the browser's may differ).
  const period = defaultPeriod(app.clock());
  const window = windowPeriods(app.clock());
  const rounds = await app.store.repos.checkIns.listRounds(DEMO.corpsId, `${window[0]}-01`, `${period}-12`);
  const expected = dashboardOf({ cases, rounds }, { period }, app.clock());
  const prepared = expected.method.preparedShare as { value: number; n: number; practitioners: number };
  for (const [name, viewport, query] of [
    ["desktop-default", DESKTOP, ""],
    ["desktop-dark", DESKTOP, "?theme=dark"],
    ["desktop-contrast", DESKTOP, "?theme=contrast"],
    ["phone-default", PHONE, ""],
    ["stage-default", STAGE, "?stage=1"],
    ["stage-dark", STAGE, "?stage=1&theme=dark"],
    ["stage-contrast", STAGE, "?stage=1&theme=contrast"],
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
      // A share says what it rests on: the cases and the practitioners.
      const method = page.locator('[data-testid="method-preparedShare"]');
      expect(await method.locator("[data-figure]").getAttribute("data-figure")).toBe(String(prepared.value));
      expect(await method.locator("[data-n]").textContent()).toBe(`${prepared.n} forløb · ${prepared.practitioners} praktikere`);
      // Which cases count, and why some figures are hidden, in words.
      expect(await page.getByTestId("what-counts").textContent()).toBe(`Tallene gælder året ${period}: forløb startet og afsluttet i perioden, målinger og progressionsscorer fra perioden. Aktive forløb er tallet i dag.`);
      expect(await page.getByRole("note").first().textContent()).toContain("Tal, der bygger på færre end 5 forløb, vises ikke");
      // Some figures of a corps this size are hidden: said so, never as a column of «Skjult».
      expect(await page.locator("[data-suppressed], [data-testid=all-hidden]").count() + (await page.getByText(/^Skjult: /).count())).toBeGreaterThan(0);
      await fitsWidth(page);
      if (name === "desktop-default") {
        // The export is a file of the same figures; hidden ones stay hidden in it.
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Eksporter CSV" }).click()]);
        expect(download.suggestedFilename()).toBe(`loft-${period}.csv`); // the period by the server's clock
        const csv = readFileSync(await download.path(), "utf8");
        expect(csv).toContain(`Aktive forløb i dag;${active};${active}`);
        expect(csv).toContain("skjult (under 5 forløb)");
        // Another period: the figures follow it, and the same quarter is hidden or shown alike in every answer.
        await page.getByRole("combobox", { name: "Periode" }).click();
        await page.getByRole("option", { name: `2. halvår ${period}` }).click();
        await page.getByText(`Tallene gælder 2. halvår ${period}:`, { exact: false }).waitFor();
        await page.getByRole("combobox", { name: "Forløbstype" }).click();
        await page.getByRole("option", { name: "Pårørendecoachforløb" }).click();
        await page.locator('main[data-ready="true"] [data-testid="card-method"]').waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(shots, "tab-desktop-relativecoach-h2.png"), fullPage: true });
      }
      await page.waitForTimeout(300); // the chart draws
      if (name !== "desktop-default") await page.screenshot({ path: path.join(shots, `tab-${name}.png`), fullPage: true });
      else {
        await page.getByRole("combobox", { name: "Periode" }).click();
        await page.getByRole("option", { name: period, exact: true }).click();
        await page.getByRole("combobox", { name: "Forløbstype" }).click();
        await page.getByRole("option", { name: "Alle" }).click();
        await page.getByText(`Tallene gælder året ${period}:`, { exact: false }).waitFor();
        await page.locator('main[data-ready="true"] [data-testid="active-total"]').waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(shots, `tab-${name}.png`), fullPage: true });
      }
    } finally {
      await ctx.close();
    }
  }
}, 240_000);

run("a corps of three cases: the leader is told in words what cannot be shown, on desktop, phone and meeting stage", async () => {
  // Its own app: the corps the local sign-in offers holds three cases of two coaches.
  const small = await startTestApp({ env: { SCHEDULER_INTERVAL_SECONDS: "0", SEED_DEMO: "false" } });
  try {
    await seedSmallCorps(small.store, threeCases(DEMO.corpsId, DEMO.teamId, DEMO.leader));
    for (const [name, viewport, query] of [
      ["desktop", DESKTOP, ""],
      ["phone", PHONE, ""],
      ["stage", STAGE, "?stage=1"],
    ] as const) {
      const ctx = await launchChromium({ viewport });
      try {
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        await page.goto(`${small.url}/tab/${query}`);
        await page.getByRole("button", { name: "Log ind" }).click();
        await page.getByRole("heading", { name: /Løft — korpsets overblik · Lille Kommune/ }).waitFor();
        await page.locator('main[data-ready="true"] [data-testid="card-method"]').waitFor({ timeout: 30_000 });
        // Three cases: no count, mean or share of them is shown (only what did not happen: 0) …
        expect(new Set(await page.locator("[data-figure]").evaluateAll((els) => els.map((e) => e.getAttribute("data-figure"))))).toEqual(new Set(["0"]));
        // … and the method card says why in words (two practitioners), not with a column of «Skjult».
        expect(await page.getByTestId("method-why").textContent()).toBe("Korpset har kun 2 praktikere med samtaler i perioden. Metodetallene beskriver praktikernes eget arbejde, så de vises først, når de bygger på mindst 3 praktikere — se tallene for alle forløb.");
        expect(await page.locator("[data-suppressed]").count()).toBeLessThanOrEqual(3);
        expect(await page.getByTestId("all-hidden").count()).toBeGreaterThan(0);
        await fitsWidth(page);
        await page.screenshot({ path: path.join(shots, `tab-small-${name}.png`), fullPage: true });
      } finally {
        await ctx.close();
      }
    }
  } finally {
    await small.close();
  }
}, 180_000);

run("the demo mentor signs in and sees only their own cases over time, and their own work with the method", async () => {
  const own = (await app.store.repos.cases.list(DEMO.corpsId)).filter((c) => c.coachId === DEMO.mentor);
  for (const [name, viewport, query] of [
    ["desktop", DESKTOP, ""],
    ["phone", PHONE, ""],
    ["stage", STAGE, "?stage=1"],
  ] as const) {
    const ctx = await launchChromium({ viewport });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(`${app.url}/tab/${query}`);
      await page.getByRole("combobox", { name: "Log ind" }).click();
      await page.getByRole("option", { name: /^Demo Mentor \(/ }).click();
      await page.getByRole("button", { name: "Log ind" }).click();
      await page.getByRole("heading", { name: "Mine forløb · Demo Kommune" }).waitFor();
      await page.getByTestId("mine-case").first().waitFor({ timeout: 30_000 });
      // Their own view instead of the leaders' overview: no tabs to the corps' figures.
      expect(await page.getByRole("tab").count()).toBe(0);
      expect((await page.getByTestId("mine-case").evaluateAll((els) => els.map((e) => e.getAttribute("data-code")))).sort()).toEqual(own.map((c) => c.code).sort());
      expect(await page.getByRole("note").textContent()).toContain("Kun du kan se denne side");
      expect(Number(await page.getByTestId("mine-prepared").locator("span, p").last().textContent())).toBeGreaterThan(0);
      await fitsWidth(page);
      await page.waitForTimeout(300); // the charts draw
      await page.screenshot({ path: path.join(shots, `tab-mine-${name}.png`), fullPage: true });
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
    expect(await page.getByText(/^Hidden: /).count()).toBeGreaterThan(0);
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
      await fitsWidth(page);
      expect(await page.locator('[data-question="sharedGoals"]').textContent()).toContain("Ingen tal i Løft til dette spørgsmål");
      expect(await page.getByRole("button", { name: "Læring til infohuset (CSV)" }).count()).toBe(0); // the text is the coordinators'; leaders see themes as counts
      // Small figures are hidden here too: named on one line, or one sentence when all beside a question are.
      expect(await page.getByTestId("meeting").getByText(/^Skjult: /).count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="meeting"] [data-suppressed]').count()).toBe(0);
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
    expect(await page.getByTestId("plan-table").getByRole("button", { name: "Rediger" }).count()).toBe(1);
    // The question the guide's two checklists share (p6, o6) is asked once; the dropdowns' clear button is named in Danish.
    expect(await page.locator('[data-check="p6"]').count()).toBe(1);
    expect(await page.locator('[data-check="o6"]').count()).toBe(0);
    expect(await page.locator('button[aria-label="Clear selection"]').count()).toBe(0);
    // The questions the corps gatherings answer (o2, o4) show how many were held this year; the others do not.
    expect(await page.locator('[data-check="o2"]').textContent()).toContain("Korpsmøder holdt i år: 0");
    expect(await page.locator('[data-check="o4"]').textContent()).toContain("Korpsmøder holdt i år: 0");
    expect(await page.locator('[data-check="o1"]').textContent()).not.toContain("Korpsmøder");
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
    // The coordinator's learning meeting offers the after-reflections' learning for the infohus as a file.
    await page.getByRole("tab", { name: "Læringsmøde" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Læring til infohuset (CSV)" }).click()]);
    expect(download.suggestedFilename()).toBe("loft-laering-til-infohuset.csv");
    const text = readFileSync((await download.path())!, "utf8");
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("Forløbskode;Forløbstype;Afsluttet;Temaer;Læring til infohuset");
  } finally {
    await ctx2.close();
  }
}, 180_000);

