// The tab against EN 301 549 (WCAG 2.1 AA), in headless Chromium, outside Teams (local mode):
// - axe-core finds nothing on the sign-in, the leaders' overview, the learning meeting, the implementation view (with a
//   row, and with its form open) and a mentor's «Mine forløb», in the default, dark and high-contrast theme, at desktop
//   width and at the 320 px of a meeting's side panel — which neither scrolls sideways nor cuts anything off;
// - every chart's figures are a table too (hidden figures said so in words), and its bars have 3:1 against the card in
//   every theme, the series told apart by more than colour;
// - keyboard focus stays where the user is when the implementation view's controls go away;
// - the English tab says it is English (<html lang="en">).
// Chromium runs with its scrollbars shown, as Teams on Windows shows them: they take their width from the 320 px.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { startTestApp } from "../helpers/app";
import { CHROMIUM, haveChromium } from "../helpers/browser";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";
import { dashboardOf } from "../../src/domain/dashboard";
import { defaultPeriod, windowPeriods } from "../../src/domain/periods";

const run = haveChromium() || process.env.LOFT_REQUIRE_BROWSER ? test : test.skip;
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const THEMES = ["default", "dark", "contrast"] as const;
const SIDE_PANEL = 320;
let app: RunningApp;

beforeAll(async () => {
  app = await startTestApp({ env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
});
afterAll(() => app?.close());

/** As test/helpers/browser.ts's launchChromium, but with scrollbars that take room (playwright hides them by default). */
async function launch(width: number): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), "loft-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height: 900 },
    locale: "da-DK",
    ignoreDefaultArgs: ["--hide-scrollbars"],
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  await ctx.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (r) => r.abort());
  return { ctx, page: ctx.pages()[0] ?? (await ctx.newPage()) };
}

async function signIn(page: Page, query: string, who: RegExp, button = "Log ind") {
  await page.goto(`${app.url}/tab/${query}`);
  await page.getByRole("combobox", { name: button }).click();
  await page.getByRole("option", { name: who }).click();
  await page.getByRole("button", { name: button }).click();
  await page.locator('main[data-ready="true"] h1').filter({ hasText: "·" }).waitFor({ timeout: 30_000 });
}

type Found = { rule: string; impact?: string; help: string; nodes: string[] };

/** axe-core's rules (WCAG 2.0/2.1 A and AA, the level EN 301 549 asks for, and its best practices) on the page as it is. */
async function axe(page: Page): Promise<Found[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ["violations"], elementRef: true });
    return r.violations.flatMap((v: any) => {
      // Fluent UI's focus management (Tabster) puts invisible focus guards (<span tabindex="0" aria-hidden="true"
      // data-tabster-dummy>) at the edges of the groups it manages (here the TabList and the Dropdowns): reached by
      // Tab they pass focus on at once, so no one ever rests on one and a screen reader never announces one. axe's
      // «aria-hidden-focus» (an aria-hidden element must not be focusable) flags them: a known false positive of
      // Fluent UI v9, and the only one accepted here — for those guards only, never another element or rule.
      const nodes = v.nodes.filter((n: any) => !(v.id === "aria-hidden-focus" && n.element?.hasAttribute("data-tabster-dummy")));
      return nodes.length === 0
        ? []
        : [{ rule: v.id, impact: v.impact, help: v.help, nodes: nodes.map((n: any) => `${n.target.join(" ")} ${n.html.slice(0, 140)} — ${(n.failureSummary ?? "").split("\n").slice(1, 3).join(" ")}`) }];
    });
  });
}

/** What does not fit the window: the page scrolling sideways, and any box that cuts off its content at the side. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const doc = document.scrollingElement!;
    const out: string[] = doc.scrollWidth > doc.clientWidth ? [`the page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth} px`] : [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      if (el.closest(".visually-hidden")) continue; // out of sight on purpose, for screen readers
      const x = getComputedStyle(el).overflowX;
      if ((x === "hidden" || x === "clip") && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        out.push(`cut off: ${el.tagName.toLowerCase()}.${String(el.className).split(" ")[0]} ${el.scrollWidth} > ${el.clientWidth} px «${(el.textContent ?? "").slice(0, 50)}»`);
    }
    return out;
  });

/** WCAG's contrast ratio of two CSS colours (rgb()/rgba() as getComputedStyle gives them, or #rrggbb). */
function contrast(a: string, b: string): number {
  const rgb = (c: string) => (c.startsWith("#") ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) : c.match(/[\d.]+/g)!.slice(0, 3).map(Number));
  const lum = (c: string) => rgb(c).map((v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The bars of each bar chart as drawn: per series, the colour most of its bars' pixels have and how much of a bar's
 * inside is painted (a solid bar about all of it, a striped one much less), and the card's background behind them.
 * Where a bar is comes from the chart (data-bars); what it looks like is read from the canvas's pixels.
 */
const barsAsDrawn = (page: Page) =>
  page.locator("canvas[data-bars]").evaluateAll((canvases: HTMLCanvasElement[]) =>
    canvases.map((canvas) => {
      let bg = "";
      for (let el: Element | null = canvas; el && !bg; el = el.parentElement) {
        const c = getComputedStyle(el).backgroundColor;
        if (c && c !== "transparent" && !/rgba\(.*, 0\)$/.test(c)) bg = c;
      }
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      const g = canvas.getContext("2d")!;
      const series = new Map<number, { colours: Map<string, number>; painted: number; all: number }>();
      for (const b of JSON.parse(canvas.dataset.bars!) as Array<{ series: number; x: number; y: number; width: number; height: number }>) {
        // The inside of the bar, its outline left out.
        const [x, y, w, h] = [b.x + 4, b.y + 4, b.width - 8, b.height - 8].map((v) => Math.round(v * scale));
        if (w < 4 || h < 4) continue;
        const px = g.getImageData(x, y, w, h).data;
        const s = series.get(b.series) ?? { colours: new Map(), painted: 0, all: 0 };
        for (let i = 0; i < px.length; i += 4) {
          s.all++;
          if (px[i + 3] < 250) continue; // the card shows through
          s.painted++;
          const c = `rgb(${px[i]}, ${px[i + 1]}, ${px[i + 2]})`;
          s.colours.set(c, (s.colours.get(c) ?? 0) + 1);
        }
        series.set(b.series, s);
      }
      return {
        label: canvas.getAttribute("aria-label"),
        bg,
        series: [...series.entries()].map(([i, s]) => ({ series: i, colour: [...s.colours.entries()].sort((p, q) => q[1] - p[1])[0]?.[0], painted: s.painted / s.all })),
      };
    }),
  );

/**
 * Every colour that covers at least 1% of a chart (its bars; not its text, which is smaller, nor its faint grid), with
 * the card's background behind the chart.
 */
const chartColours = (page: Page) =>
  page.locator('canvas[role="img"]').evaluateAll((canvases: HTMLCanvasElement[]) =>
    canvases.map((canvas) => {
      let bg = "";
      for (let el: Element | null = canvas; el && !bg; el = el.parentElement) {
        const c = getComputedStyle(el).backgroundColor;
        if (c && c !== "transparent" && !/rgba\(.*, 0\)$/.test(c)) bg = c;
      }
      const px = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      const counts = new Map<string, number>();
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3] < 250) continue;
        const c = `rgb(${px[i]}, ${px[i + 1]}, ${px[i + 2]})`;
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      return { label: canvas.getAttribute("aria-label"), bg, colours: [...counts.entries()].filter(([, n]) => n >= px.length / 4 / 100).map(([c]) => c) };
    }),
  );

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
/** What has the keyboard focus, in words (for a failing test's message). */
const focusedIs = (page: Page) => page.evaluate(() => {
  const el = document.activeElement;
  return el ? `${el.tagName.toLowerCase()} «${(el.getAttribute("aria-label") ?? el.textContent ?? "").slice(0, 40)}»` : "nothing";
});

/** A plan row stored through the API, as the leader. */
async function addPlanRow(activities: string) {
  const token = (await (await fetch(`${app.url}/api/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ aadObjectId: DEMO.leader, tenantId: DEMO.tenantId }) })).json()).token;
  const res = await fetch(`${app.url}/api/implementation/rows/${randomUUID()}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ timeline: "1. kvartal 2027", area: "training", activities, milestones: "Alle har været på kursus", responsible: "Koordinatoren", status: "underway", evaluation: "" }),
  });
  expect(res.status).toBe(200);
}
const clearPlan = () => app.store.repos.implementation.update(DEMO.corpsId, (doc) => ({ ...doc, rows: [], checklist: {} }));

run("axe finds no WCAG 2.1 AA violation in any view, theme or width; the 320 px side panel neither scrolls sideways nor cuts anything off; the bars have 3:1 and a pattern", async () => {
  await clearPlan();
  await addPlanRow("Opkvalificering af nye mentorer");
  const found: string[] = [];
  const wide: string[] = [];
  const bars: string[] = [];
  const check = async (page: Page, what: string) => {
    for (const v of await axe(page)) found.push(`${what}: ${v.rule} (${v.impact}) ${v.help}\n    ${v.nodes.join("\n    ")}`);
    for (const o of await overflow(page)) wide.push(`${what}: ${o}`);
    for (const chart of await chartColours(page))
      for (const c of chart.colours) if (contrast(c, chart.bg) < 3) bars.push(`${what}, «${chart.label}»: ${c} on ${chart.bg} is ${contrast(c, chart.bg).toFixed(2)}:1`);
    for (const chart of await barsAsDrawn(page)) {
      for (const s of chart.series) {
        const ratio = s.colour ? contrast(s.colour, chart.bg) : 0;
        if (ratio < 3) bars.push(`${what}, «${chart.label}», series ${s.series + 1}: ${s.colour} on ${chart.bg} is ${ratio.toFixed(2)}:1`);
      }
      // Told apart without their colour: one series' bars solid, the other's visibly less painted (striped).
      if (chart.series.length === 2 && Math.abs(chart.series[0].painted - chart.series[1].painted) < 0.25)
        bars.push(`${what}, «${chart.label}»: its two series differ only by colour (painted ${chart.series.map((s) => s.painted.toFixed(2)).join(" and ")})`);
    }
  };
  let chartsSeen = 0;
  for (const theme of THEMES) {
    for (const width of [1280, SIDE_PANEL]) {
      const { ctx, page } = await launch(width);
      try {
        const query = `?theme=${theme}`;
        const at = (view: string) => `${view} (${theme}, ${width} px)`;
        await page.goto(`${app.url}/tab/${query}`);
        await page.getByRole("button", { name: "Log ind" }).waitFor();
        await check(page, at("sign-in"));
        await signIn(page, query, /^Demo Leder \(/);
        await page.locator('[data-testid="active-total"]').waitFor();
        await page.locator('canvas[role="img"]').first().waitFor({ state: "attached" });
        await check(page, at("overview"));
        // The chart's table shown too (that there is one is the next test's).
        const table = page.getByTestId("card-quarters").getByRole("button", { name: "Vis tallene som tabel" });
        if (await table.count()) {
          await table.click();
          // Scanned at rest, as a reader sees it: the pointer moved off the button and its colour transition over
          // (axe, run mid-transition, read a half-way colour).
          await page.mouse.move(0, 0);
          await page.waitForFunction(() => document.getAnimations().length === 0);
          await check(page, at("overview, the chart's table shown"));
        }
        await page.getByRole("tab", { name: "Læringsmøde" }).click();
        await page.getByTestId("meeting").waitFor();
        await check(page, at("learning meeting"));
        await page.getByRole("tab", { name: "Implementering" }).click();
        await page.getByTestId("plan-table").waitFor();
        await check(page, at("implementation"));
        await page.getByRole("button", { name: "Tilføj aktivitet" }).click();
        await page.getByTestId("plan-form").waitFor();
        await check(page, at("implementation, its form open"));
        await signIn(page, query, /^Demo Mentor \(/);
        await page.getByTestId("mine-case").first().waitFor();
        await page.locator('canvas[role="img"]').first().waitFor({ state: "attached" });
        await check(page, at("Mine forløb"));
        chartsSeen += (await barsAsDrawn(page)).filter((c) => c.series.length === 2).length;
      } finally {
        await ctx.close();
      }
    }
  }
  expect({ axe: found, wide, bars }).toEqual({ axe: [], wide: [], bars: [] });
  expect(chartsSeen).toBeGreaterThan(0); // the pattern was looked for on a chart with both series' bars
}, 400_000);

run("every chart's figures are a table a screen reader reads, hidden figures said so in words; the button shows it", async () => {
  const cases = await app.store.repos.cases.list(DEMO.corpsId);
  const period = defaultPeriod(app.clock());
  const window = windowPeriods(app.clock());
  const rounds = await app.store.repos.checkIns.listRounds(DEMO.corpsId, `${window[0]}-01`, `${period}-12`);
  const expected = dashboardOf({ cases, rounds }, { period }, app.clock());
  const { ctx, page } = await launch(1280);
  try {
    await signIn(page, "", /^Demo Leder \(/);
    await page.locator('[data-testid="active-total"]').waitFor();
    const card = page.getByTestId("card-quarters");
    const table = card.getByRole("table", { name: "Nye og afsluttede forløb pr. kvartal" });
    const cell = (f: { value: number | null } | { suppressed: true } | undefined) => (!f ? "–" : "suppressed" in f ? "Skjult (under 5 forløb)" : f.value === null ? "–" : String(f.value));
    const rows = expected.period.quarters.map((q) => [`${q.slice(-1)}. kvt. ${q.slice(0, 4)}`, cell(expected.overview.newPerQuarter.parts[q]), cell(expected.overview.closedPerQuarter.parts[q])]);
    expect(await table.getByRole("columnheader").allTextContents()).toEqual(["Kvartal", "Nye forløb", "Afsluttede forløb"]);
    expect(await table.getByRole("row").evaluateAll((trs) => trs.slice(1).map((tr) => Array.from(tr.children).map((c) => c.textContent)))).toEqual(rows);
    expect(rows.flat()).toContain("Skjult (under 5 forløb)"); // the demo corps hides some quarter
    // Out of sight until asked for (a box of 1 px); then shown, and the button says it is open.
    const box = async () => (await card.getByTestId("chart-table").boundingBox())?.width ?? 0;
    expect(await box()).toBeLessThanOrEqual(1);
    await card.getByRole("button", { name: "Vis tallene som tabel" }).click();
    expect(await box()).toBeGreaterThan(200);
    expect(await card.getByRole("button", { name: "Skjul tabellen" }).getAttribute("aria-expanded")).toBe("true");

    // The mentor's charts (their conversations per month, each case's goals and progress): each has its table.
    await signIn(page, "", /^Demo Mentor \(/);
    await page.getByTestId("mine-case").first().waitFor();
    const charts = await page.locator('canvas[role="img"]').evaluateAll((cs) => cs.map((c) => c.getAttribute("aria-label")!));
    expect(charts.length).toBeGreaterThan(2);
    for (const name of new Set(charts)) expect(await page.getByRole("table", { name, exact: true }).count()).toBe(charts.filter((c) => c === name).length);
    const perMonth = page.getByRole("table", { name: "Forberedte samtaler og refleksioner pr. måned" });
    expect(await perMonth.getByRole("row").count()).toBe(13); // a header and 12 months
    const prepared = await page.getByTestId("mine-prepared").locator("span, p").last().textContent();
    const column = await perMonth.getByRole("row").evaluateAll((trs) => trs.slice(1).map((tr) => Number(tr.children[1].textContent)));
    expect(String(column.reduce((s, v) => s + v, 0))).toBe(prepared);
    const goals = page.getByTestId("mine-case").first().getByRole("table", { name: "Målene (0–10)" });
    expect(await goals.getByRole("cell").count()).toBeGreaterThan(0);
  } finally {
    await ctx.close();
  }
}, 120_000);

run("keyboard focus stays where the user is after «Tilføj aktivitet», «Annuller», «Gem», «Ryd» and «Slet»", async () => {
  await clearPlan();
  const { ctx, page } = await launch(1280);
  try {
    await signIn(page, "", /^Demo Leder \(/);
    await page.getByRole("tab", { name: "Implementering" }).click();
    await page.getByText("Planen har ingen aktiviteter endnu.").waitFor();
    const press = async (l: Locator) => {
      await l.focus();
      await page.keyboard.press("Enter");
    };
    const expectFocus = async (l: Locator, what: string) => {
      await l.waitFor();
      if (!(await isFocused(l))) throw new Error(`focus should be on ${what}, is on ${await focusedIs(page)}`);
    };
    const add = page.getByRole("button", { name: "Tilføj aktivitet" });
    const form = page.getByTestId("plan-form");

    // «Tilføj aktivitet»: the new row's first field; «Annuller»: back to «Tilføj aktivitet».
    await press(add);
    await expectFocus(form.getByLabel("Tidsplan"), "the new row's first field");
    await page.keyboard.type("1. kvartal 2027");
    await press(form.getByRole("button", { name: "Annuller" }));
    await expectFocus(add, "«Tilføj aktivitet»");

    // «Gem» refused: the field it is about; «Gem» saved: the new row's «Rediger».
    await press(add);
    await form.getByLabel("Aktiviteter").fill("Læringsmøde med mentorerne");
    await form.getByLabel("Ansvarlig").fill("Koordinatoren, tlf. 22 33 44 55");
    await press(form.getByRole("button", { name: "Gem" }));
    await form.getByText("»Ansvarlig« indeholder et telefonnummer.", { exact: false }).waitFor();
    await expectFocus(form.getByLabel("Ansvarlig"), "the field that was refused");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("Koordinatoren");
    await press(form.getByRole("button", { name: "Gem" }));
    const row = page.getByTestId("plan-table").locator("[data-row]").filter({ hasText: "Læringsmøde med mentorerne" });
    await expectFocus(row.getByRole("button", { name: "Rediger" }), "the saved row's «Rediger»");
    expect(await page.getByTestId("plan-notice").textContent()).toBe("Gemt.");

    // «Rediger» then «Annuller»: back to that «Rediger».
    await press(row.getByRole("button", { name: "Rediger" }));
    await expectFocus(form.getByLabel("Tidsplan"), "the form's first field");
    await press(form.getByRole("button", { name: "Annuller" }));
    await expectFocus(row.getByRole("button", { name: "Rediger" }), "the row's «Rediger»");

    // «Ryd» an answer: the question's first answer.
    const q = page.locator('[data-check="p1"]');
    await q.getByLabel("Ja").focus();
    await page.keyboard.press("Space");
    await press(q.getByRole("button", { name: "Ryd" }));
    await expectFocus(q.getByLabel("Ja"), "the question's first answer");
    expect(await q.getByLabel("Ja").isChecked()).toBe(false);

    // «Slet» asks first (focus on its «Annuller»); «Annuller» goes back to «Slet»; deleting the only row: «Tilføj aktivitet».
    await press(row.getByRole("button", { name: "Slet" }));
    await expectFocus(row.getByRole("group").getByRole("button", { name: "Annuller" }), "the question's «Annuller»");
    await press(row.getByRole("group").getByRole("button", { name: "Annuller" }));
    await expectFocus(row.getByRole("button", { name: "Slet" }), "the row's «Slet»");
    await press(row.getByRole("button", { name: "Slet" }));
    await press(row.getByRole("group").getByRole("button", { name: "Slet" }));
    await page.getByText("Planen har ingen aktiviteter endnu.").waitFor();
    await expectFocus(add, "«Tilføj aktivitet»");
  } finally {
    await ctx.close();
  }
}, 120_000);

run("the page's language is the tab's: lang=\"en\" in English, \"da\" in Danish", async () => {
  const { ctx, page } = await launch(1280);
  try {
    await signIn(page, "?lang=en", /^Demo Leder \(/, "Sign in");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.title()).toBe("Løft — overview");
    await signIn(page, "", /^Demo Leder \(/);
    expect(await page.locator("html").getAttribute("lang")).toBe("da");
    expect(await page.title()).toBe("Løft — overblik");
  } finally {
    await ctx.close();
  }
}, 120_000);
