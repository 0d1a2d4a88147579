// The coordinator's «Forløb» in the tab (issue 22), in headless Chromium outside Teams (local mode): the demo corps'
// cases, open first, by code; a case's access log in words, newest first, with the coordinator's own reading through
// the tab in it; the export for a citizen's access request downloaded as a page and as data, and then in the log as
// «eksporterede forløbet». Leaders and mentors have no «Forløb». At desktop and phone width, with no WCAG 2.1 AA
// violation axe can find. The app's clock stands still at TEST_START and is moved by the test: no assertion depends on
// today's date or on how fast anything runs. Screenshots go to /tmp/loft-tab-cases-*.png to be looked at.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { startTestApp, TEST_START } from "../helpers/app";
import { haveChromium, launchChromium } from "../helpers/browser";
import { acrossThemes, axe, fitsWidth, signInTab } from "../helpers/tab";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import type { Case } from "../../src/domain/model";

const run = haveChromium() || process.env.LOFT_REQUIRE_BROWSER ? test : test.skip;
const DESKTOP = { width: 1280, height: 1000 };
const PHONE = { width: 390, height: 844 };
const MINUTE = 60_000;
const clock = manualClock(TEST_START);
let app: RunningApp;
let cases: Case[];

beforeAll(async () => {
  app = await startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  cases = await app.store.repos.cases.list(DEMO.corpsId);
});
afterAll(() => app?.close());

const signIn = (page: Page, who: RegExp, query = "") => signInTab(page, app.url, who, query);

/** The access log's lines as shown: [time, role, what, how] on a desktop's table. */
const tableLines = (page: Page) =>
  page.getByTestId("access-lines").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((td) => td.textContent ?? "")));
/** The log's instants (each line's <time datetime>), top to bottom. */
const instants = (page: Page) => page.getByTestId("access-lines").locator("time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")!));

const byCode = (a: Case, b: Case) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const shownCodes = (page: Page, section: "open" | "closed") => page.getByTestId(`cases-${section}`).locator("[data-case]").evaluateAll((els) => els.map((e) => e.getAttribute("data-case")));

run("a coordinator sees «Forløb»: the corps' cases, a case's access log with their own reading in it, and the export for an access request, which the log then shows", async () => {
  clock.set(TEST_START); // 10:00 in Copenhagen
  const open = cases.filter((c) => c.status !== "closed").sort(byCode);
  const closed = cases.filter((c) => c.status === "closed").sort(byCode);
  expect(open.length).toBeGreaterThan(0);
  expect(closed.length).toBeGreaterThan(0);
  const c = open.find((x) => x.status === "active")!;
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Demo Koordinator \(/);
    await page.getByRole("tab", { name: "Forløb", exact: true }).click();
    await page.getByTestId("cases").waitFor();
    // The corps' cases, open ones first, each group by code.
    expect(await page.getByRole("heading", { name: `Åbne forløb (${open.length})` }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: `Afsluttede forløb (${closed.length})` }).count()).toBe(1);
    expect(await shownCodes(page, "open")).toEqual(open.map((x) => x.code));
    expect(await shownCodes(page, "closed")).toEqual(closed.map((x) => x.code));
    const row = page.getByRole("table", { name: `Åbne forløb (${open.length})` }).getByRole("row").filter({ hasText: c.code });
    expect(await row.getByRole("cell").allTextContents()).toEqual([c.code, c.kind === "mentor" ? "Mentorforløb" : "Pårørendecoachforløb", "Aktivt", expect.stringMatching(/\d{4}$/)]);
    // Nothing of the dashboard here.
    expect(await page.locator("[data-figure], canvas").count()).toBe(0);
    await fitsWidth(page);
    await page.screenshot({ path: "/tmp/loft-tab-cases-desktop-list.png", fullPage: true });
    expect(await axe(page)).toEqual([]);
    // Finding a case by its code.
    await page.getByRole("searchbox", { name: "Find forløbskode" }).fill(c.code.toLowerCase());
    expect(await shownCodes(page, "open")).toEqual([c.code]);
    expect(await shownCodes(page, "closed")).toEqual([]);

    // The case: its log, in words, with the coordinator's own reading of the list through the tab.
    await page.getByRole("button", { name: c.code, exact: true }).click();
    const heading = page.getByRole("heading", { name: `Forløb ${c.code}` });
    await heading.waitFor();
    expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);
    await page.getByTestId("access-lines").waitFor();
    expect(await tableLines(page)).toEqual(expect.arrayContaining([["25. nov. 2026 kl. 10:00", "koordinator", "så forløbet", "fanen: forløb"]]));
    expect(await page.getByRole("button", { name: "Hent indsigt som side (HTML)" }).count()).toBe(1);
    expect(await page.getByTestId("case-export").textContent()).toContain("forløbet, alle dets registreringer og dets adgangslog");
    await fitsWidth(page);
    await page.screenshot({ path: "/tmp/loft-tab-cases-desktop-case.png", fullPage: true });
    expect(await axe(page)).toEqual([]);

    // The export as a page: a file with the case's code in it; the tab says it is in the log.
    clock.set(new Date(TEST_START.getTime() + 15 * MINUTE));
    const [html] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Hent indsigt som side (HTML)" }).click()]);
    expect(html.suggestedFilename()).toBe(`indsigt-${c.code}.html`);
    const page1 = readFileSync((await html.path())!, "utf8");
    expect(page1).toContain(`Indsigt: forløb ${c.code}`);
    expect(page1).toContain("eksporterede forløbet");
    await page.getByTestId("case-export-status").getByText(`Indsigten er hentet som »indsigt-${c.code}.html«`, { exact: false }).waitFor();
    await page.getByTestId("access-lines").locator('[data-action="export"]').first().waitFor(); // the log shown again, with the download
    await page.screenshot({ path: "/tmp/loft-tab-cases-desktop-exported.png", fullPage: true });
    // … and as data.
    const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Hent indsigt som data (JSON)" }).click()]);
    expect(json.suggestedFilename()).toBe(`indsigt-${c.code}.json`);
    expect(JSON.parse(readFileSync((await json.path())!, "utf8")).case.code).toBe(c.code);

    // Opened again later: the export is in the log, newest first.
    clock.set(new Date(TEST_START.getTime() + 30 * MINUTE));
    await page.getByRole("button", { name: "Tilbage til forløbene" }).click();
    expect(await page.getByRole("button", { name: c.code, exact: true }).evaluate((b) => b === document.activeElement)).toBe(true);
    await page.getByRole("button", { name: c.code, exact: true }).click();
    await page.getByTestId("access-lines").locator('[data-action="export"]').first().waitFor();
    const lines = await tableLines(page);
    expect(lines).toEqual(expect.arrayContaining([["25. nov. 2026 kl. 10:15", "koordinator", "eksporterede forløbet", "eksport: indsigt"]]));
    expect(lines[0]).toEqual(["25. nov. 2026 kl. 10:30", "koordinator", "så forløbet", "adgangslog"]);
    const at = await instants(page);
    expect(at).toEqual([...at].sort().reverse());
  } finally {
    await ctx.close();
  }
}, 120_000);

run("on a phone (390 px): the cases as a list and a case's log as lines, nothing wider than the screen", async () => {
  const c = cases.filter((x) => x.status === "closed").sort(byCode)[0];
  const ctx = await launchChromium({ viewport: PHONE });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Demo Koordinator \(/);
    await page.getByRole("tab", { name: "Forløb", exact: true }).click();
    await page.getByTestId("cases").waitFor();
    expect(await page.getByTestId("cases-closed").getByRole("listitem").count()).toBe(cases.filter((x) => x.status === "closed").length);
    await fitsWidth(page);
    await page.screenshot({ path: "/tmp/loft-tab-cases-phone-list.png", fullPage: true });
    await page.screenshot({ path: "/tmp/loft-tab-cases-phone-list-top.png" });
    expect(await axe(page)).toEqual([]);
    await page.getByRole("button", { name: new RegExp(`^${c.code} `) }).click();
    await page.getByRole("heading", { name: `Forløb ${c.code}` }).waitFor();
    await page.getByTestId("access-lines").waitFor();
    expect(await page.getByRole("list", { name: "Adgangslog" }).getByRole("listitem").first().textContent()).toMatch(/^\d+\. \w+\.? \d{4} kl\. \d\d:\d\d/);
    expect(await page.getByRole("list", { name: "Adgangslog" }).textContent()).toContain("koordinator · så forløbet · fanen: forløb");
    await fitsWidth(page);
    await page.screenshot({ path: "/tmp/loft-tab-cases-phone-case.png", fullPage: true });
    expect(await axe(page)).toEqual([]);
  } finally {
    await ctx.close();
  }
}, 120_000);

run("dark and high contrast, desktop and a meeting's 320 px side panel: axe finds nothing in the list or a case", async () => {
  const c = cases.filter((x) => x.status !== "closed").sort(byCode)[0];
  const found = await acrossThemes("loft-tab-cases", async (page, query, check) => {
    await signIn(page, /^Demo Koordinator \(/, query);
    await page.getByRole("tab", { name: "Forløb", exact: true }).click();
    await page.getByTestId("cases").waitFor();
    await check("list");
    await page.getByRole("button", { name: new RegExp(`^${c.code}( |$)`) }).click();
    await page.getByTestId("access-lines").waitFor();
    await check("case");
  });
  expect(found).toEqual([]);
}, 180_000);

run("a long log: the newest 50 lines, all of them on request", async () => {
  const c = cases.filter((x) => x.status !== "closed").sort(byCode)[1];
  // Sixty earlier readings of the leaders' figures, one a day before the test's start.
  for (let i = 1; i <= 60; i++)
    await app.store.repos.access.add({ type: "access", id: `test-long-log-${i}`, corpsId: DEMO.corpsId, at: new Date(TEST_START.getTime() - i * 86_400_000).toISOString(), by: DEMO.leader, role: "leader", action: "aggregate", flow: "api:dashboard", caseIds: [c.id] });
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Demo Koordinator \(/);
    await page.getByRole("tab", { name: "Forløb", exact: true }).click();
    await page.getByRole("button", { name: c.code, exact: true }).click();
    await page.getByTestId("access-lines").waitFor();
    const all = (await app.store.repos.access.listForCase(DEMO.corpsId, c.id, 500)).length;
    expect(all).toBeGreaterThan(60);
    expect(await page.getByTestId("access-lines").locator("tbody tr").count()).toBe(50);
    const more = page.getByRole("button", { name: `Vis alle ${all} linjer` });
    await more.click();
    expect(await page.getByTestId("access-lines").locator("tbody tr").count()).toBe(all);
    const fewer = page.getByRole("button", { name: "Vis kun de nyeste 50" });
    expect(await fewer.getAttribute("aria-expanded")).toBe("true");
    expect(await fewer.evaluate((b) => b === document.activeElement)).toBe(true); // the same button: focus stays
    const lines = await tableLines(page);
    // 09:00 UTC in September is 11:00 in Copenhagen (summer time), whatever the machine's time zone.
    expect(lines[lines.length - 1]).toEqual(["26. sep. 2026 kl. 11:00", "leder", "talt med i korpsets tal", "fanen: korpsets tal"]);
    const at = await instants(page);
    expect(at).toEqual([...at].sort().reverse());
  } finally {
    await ctx.close();
  }
}, 120_000);

run("in English when Teams says so: «Cases», the log's roles and actions in English", async () => {
  const c = cases.filter((x) => x.status !== "closed").sort(byCode)[0];
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Demo Koordinator \(/, "?lang=en");
    await page.getByRole("tab", { name: "Cases", exact: true }).click();
    await page.getByRole("button", { name: c.code, exact: true }).click();
    await page.getByTestId("access-lines").waitFor();
    expect(await page.getByRole("button", { name: "Download for the citizen as a page (HTML)" }).count()).toBe(1);
    expect((await tableLines(page)).some(([, role, what]) => role === "coordinator" && what === "saw the case")).toBe(true);
  } finally {
    await ctx.close();
  }
}, 120_000);

run("a leader and a mentor have no «Forløb»", async () => {
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Demo Leder \(/);
    await page.getByRole("tab", { name: "Overblik" }).waitFor();
    expect(await page.getByRole("tab").count()).toBe(4); // Overblik, Læringsmøde, Implementering, Hele landet
    expect(await page.getByRole("tab", { name: "Forløb", exact: true }).count()).toBe(0);
    await signIn(page, /^Demo Mentor \(/);
    await page.getByRole("heading", { name: "Mine forløb · Demo Kommune" }).waitFor();
    await page.getByTestId("mine").waitFor();
    expect(await page.getByRole("tab").count()).toBe(0);
    expect(await page.getByTestId("cases").count()).toBe(0);
  } finally {
    await ctx.close();
  }
}, 120_000);
