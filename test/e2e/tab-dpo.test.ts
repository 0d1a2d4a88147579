// The corps' access log in the tab (issue 22), in headless Chromium outside Teams (local mode): the corps' data
// protection officer (DPO) — given the role as the set-up card gives it — lands on «Adgangslog» and is offered nothing
// else (no figures, no cases); the log names who reached which case by its code, when (Copenhagen time), as what, what
// and how, in Danish; a box finds the lines naming a code; «Vis flere» fetches up to 1000 lines. A coordinator has the
// log as one more view; a leader and a mentor do not. At desktop and phone width, with no WCAG 2.1 AA violation axe can
// find. The app's clock stands still and is moved by the test: no assertion depends on today's date or on how fast
// anything runs. Screenshots go to /tmp/loft-tab-dpo-*.png to be looked at.
import type { Page } from "playwright-core";
import { startTestApp, TEST_START } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { haveChromium, launchChromium } from "../helpers/browser";
import { acrossThemes, axe, fitsWidth, signInTab } from "../helpers/tab";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoMentor, type TeamsUser } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { manualClock } from "../../src/domain/clock";
import { withMembership } from "../../src/domain/corps";
import { DEMO } from "../../src/domain/demo";
import { SYSTEM_ID } from "../../src/domain/erasure";
import { memberDocId, userKey, type Case, type Member } from "../../src/domain/model";

const run = haveChromium() || process.env.LOFT_REQUIRE_BROWSER ? test : test.skip;
const DESKTOP = { width: 1280, height: 1000 };
const PHONE = { width: 390, height: 844 };
const MINUTE = 60_000;
const DAY = 86_400_000;
const DPO: TeamsUser = { aadObjectId: "0000000d-0000-0000-0000-0000000000d9", name: "Dorte Databeskyttelse" };
/** Someone who read a case and is no longer a member: the log cannot name them. */
const FORMER = "0000000f-0000-0000-0000-0000000000f1";
const clock = manualClock(TEST_START); // 10:00 in Copenhagen
let app: RunningApp & { dataDir: string };
let connector: FakeConnector;
/** The demo mentor's active case, which they open through the bot. */
let c: Case;
/** Another case: a coordinator reads its log over the API, and a former member read it long ago. */
let old: Case;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  // The DPO, given the role as the set-up card gives it: the member document, then the directory entry.
  const member: Member = { type: "member", id: memberDocId(DPO.aadObjectId), corpsId: DEMO.corpsId, aadObjectId: DPO.aadObjectId, name: DPO.name, roles: ["dpo"] };
  await app.store.repos.members.upsert(member);
  await app.store.repos.directory.upsert(withMembership(await app.store.repos.directory.get(userKey(DEMO.tenantId, DPO.aadObjectId)), DEMO.tenantId, member));
  const mine = await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor);
  c = mine.find((x) => x.status === "active")!;
  old = (await app.store.repos.cases.list(DEMO.corpsId)).find((x) => x.id !== c.id)!;
  // The mentor opens their case in the chat at 11:15 Copenhagen time: a line in the corps' log.
  clock.set(new Date(TEST_START.getTime() + 75 * MINUTE));
  await new TeamsSession(app.url, connector.serviceUrl, demoMentor).press("cases.open", { caseId: c.id });
  // The coordinator reads the other case's log over the API at 11:30: a line naming that case.
  clock.set(new Date(TEST_START.getTime() + 90 * MINUTE));
  const token = await devToken(app.dataDir, { aadObjectId: DEMO.coordinator, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() });
  expect((await fetch(`${app.url}/api/cases/${old.id}/access`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  clock.set(TEST_START);
}, 60_000);
afterAll(() => Promise.all([app?.close(), connector?.close()]));

const signIn = (page: Page, who: RegExp, query = "") => signInTab(page, app.url, who, query);

/** The log's lines as shown on a desktop's table: [time, who, role, what, how, cases]. */
const tableLines = (page: Page) =>
  page.getByTestId("access-lines").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((td) => td.textContent ?? "")));
/** The log's instants (each line's <time datetime>), top to bottom. */
const instants = (page: Page) => page.getByTestId("access-lines").locator("time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")!));
/** The views offered, by their tabs' names (each tab's text is in it twice: Fluent reserves the bold text's width). */
async function tabs(page: Page): Promise<string[]> {
  const names = ["Overblik", "Læringsmøde", "Implementering", "Forløb", "Halvårsskema", "Adgangslog", "Mine forløb", "Hele landet"];
  const shown = [];
  for (const name of names) if ((await page.getByRole("tab", { name, exact: true }).count()) === 1) shown.push(name);
  expect(await page.getByRole("tab").count()).toBe(shown.length);
  return shown;
}
const mentorLine = () => ["25. nov. 2026 kl. 11:15", "Demo Mentor", "mentor eller pårørendecoach", "så forløbet", "mine forløb", c.code];
const coordinatorLine = () => ["25. nov. 2026 kl. 11:30", "Demo Koordinator", "koordinator", "så forløbet", "adgangslog", old.code];

run("the DPO lands on the corps' access log and nothing else: the mentor's reading of a case by its code, found by the code", async () => {
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Dorte Databeskyttelse \(dpo\)/);
    await page.getByRole("heading", { level: 1, name: "Korpsets adgangslog · Demo Kommune" }).waitFor();
    expect(await page.title()).toBe("Løft — adgangslog");
    await page.getByTestId("access-lines").waitFor();
    // Only the log: no views to choose between, no figures, no cases, no coach's own page, no error.
    expect(await page.getByRole("tab").count()).toBe(0);
    expect(await page.locator("[data-figure], canvas, [data-testid=cases], [data-testid=mine], [data-testid=what-counts]").count()).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    const intro = await page.getByTestId("access-log").getByRole("note").textContent();
    expect(intro).toContain("hvem der har set, ændret, eksporteret eller slettet hvilke forløb");
    expect(intro).toContain("aldrig med deres indhold");
    expect(intro).toContain("de nyeste 200 linjer");
    expect(intro).toContain("Hele loggen for ét forløb står i forløbets indsigt, som en koordinator henter under »Forløb«");
    // The mentor's reading in the chat: when (Copenhagen time), who, as what, what, how, which case.
    const lines = await tableLines(page);
    expect(lines).toEqual(expect.arrayContaining([mentorLine(), coordinatorLine()]));
    expect(await page.getByRole("table", { name: "Korpsets adgangslog" }).getByRole("columnheader").allTextContents()).toEqual(["Tidspunkt", "Hvem", "Rolle", "Hvad", "Hvordan", "Forløb"]);
    const at = await instants(page);
    expect(at).toEqual([...at].sort().reverse());
    await fitsWidth(page);
    await page.screenshot({ path: "/tmp/loft-tab-dpo-desktop.png", fullPage: true });
    expect(await axe(page)).toEqual([]);

    // Finding the case: typed in small letters without its dash, only the lines naming it are left.
    await page.getByRole("searchbox", { name: "Find forløbskode" }).fill(c.code.replace("-", "").toLowerCase());
    const found = await tableLines(page);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(lines.length);
    expect(found.every((l) => l[5].split(", ").includes(c.code))).toBe(true);
    expect(found).toEqual(expect.arrayContaining([mentorLine()]));
    expect(found).not.toContainEqual(coordinatorLine());
    expect(await page.getByRole("status").textContent()).toBe(`${found.length} af de ${lines.length} linjer nævner en forløbskode med »${c.code.replace("-", "").toLowerCase()}«.`);
    await page.screenshot({ path: "/tmp/loft-tab-dpo-desktop-found.png", fullPage: true });
    expect(await axe(page)).toEqual([]);
    // A code no line names: said so, no empty table.
    await page.getByRole("searchbox", { name: "Find forløbskode" }).fill("QQ-0000");
    expect(await page.getByRole("status").textContent()).toBe(`Ingen af de ${lines.length} linjer nævner en forløbskode med »QQ-0000«.`);
    expect(await page.getByTestId("access-lines").count()).toBe(0);
    await page.getByRole("searchbox", { name: "Find forløbskode" }).fill("");
    expect(await tableLines(page)).toEqual(lines);
  } finally {
    await ctx.close();
  }
}, 120_000);

run("on a phone (390 px): the log as a list of lines, nothing wider than the screen", async () => {
  const ctx = await launchChromium({ viewport: PHONE });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Dorte Databeskyttelse \(dpo\)/);
    const list = page.getByRole("list", { name: "Korpsets adgangslog" });
    await list.waitFor();
    const item = list.getByRole("listitem").filter({ hasText: "Demo Mentor" }).filter({ hasText: c.code });
    expect(await item.count()).toBe(1);
    expect(await item.locator(":scope > *").allTextContents()).toEqual(["25. nov. 2026 kl. 11:15", "Demo Mentor (mentor eller pårørendecoach)", "så forløbet · mine forløb", `Forløb: ${c.code}`]);
    await fitsWidth(page);
    await page.screenshot({ path: "/tmp/loft-tab-dpo-phone.png", fullPage: true });
    await page.screenshot({ path: "/tmp/loft-tab-dpo-phone-top.png" });
    expect(await axe(page)).toEqual([]);
    await page.getByRole("searchbox", { name: "Find forløbskode" }).fill(c.code);
    expect((await list.getByRole("listitem").allTextContents()).every((t) => t.includes(c.code))).toBe(true);
    await fitsWidth(page);
  } finally {
    await ctx.close();
  }
}, 120_000);

run("dark and high contrast, desktop and a 320 px side panel: axe finds nothing in the DPO's log", async () => {
  const found = await acrossThemes("loft-tab-dpo", async (page, query, check) => {
    await signIn(page, /^Dorte Databeskyttelse \(dpo\)/, query);
    await page.getByTestId("access-lines").waitFor();
    await check();
  });
  expect(found).toEqual([]);
}, 180_000);

run("a long log: the newest 200 lines, then «Vis flere» up to 1000 — a former member, Løft's own erasure and a line about many cases in words", async () => {
  // 250 readings by someone who has since left the corps, one a day before the test's start (back into winter time).
  for (let i = 1; i <= 250; i++)
    await app.store.repos.access.add({ type: "access", id: `test-dpo-former-${i}`, corpsId: DEMO.corpsId, at: new Date(TEST_START.getTime() - i * DAY).toISOString(), by: FORMER, role: "coach", action: "read", flow: "cases.open", caseIds: [old.id] });
  // The retention period erased a case (its code is on the line: nothing else of it is left), and a leader's figures counted five cases.
  const cases = await app.store.repos.cases.list(DEMO.corpsId);
  await app.store.repos.access.add({ type: "access", id: "test-dpo-erased", corpsId: DEMO.corpsId, at: new Date(TEST_START.getTime() - 2 * MINUTE).toISOString(), by: SYSTEM_ID, role: "system", action: "erase", flow: "retention", caseIds: ["erased-case"], code: "ZX-9Q8W" });
  await app.store.repos.access.add({ type: "access", id: "test-dpo-many", corpsId: DEMO.corpsId, at: new Date(TEST_START.getTime() - 1 * MINUTE).toISOString(), by: DEMO.leader, role: "leader", action: "aggregate", flow: "api:dashboard", caseIds: cases.slice(0, 5).map((x) => x.id) });
  const total = (await app.store.repos.access.listForCorps(DEMO.corpsId, 5000)).length;
  expect(total).toBeGreaterThan(250);
  expect(total).toBeLessThan(1000);
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Dorte Databeskyttelse \(dpo\)/);
    await page.getByTestId("access-lines").waitFor();
    expect(await page.getByTestId("access-lines").locator("tbody tr").count()).toBe(200);
    expect(await page.getByRole("status").textContent()).toBe("De nyeste 200 linjer.");
    const lines = await tableLines(page);
    expect(lines).toEqual(
      expect.arrayContaining([
        ["25. nov. 2026 kl. 09:58", "Løft", "Løft (opbevaringsperioden)", "slettede forløbet", "opbevaringsperioden udløb", "ZX-9Q8W"],
        ["25. nov. 2026 kl. 09:59", "Demo Leder", "leder", "talt med i korpsets tal", "fanen: korpsets tal", "5 forløb"],
        ["24. nov. 2026 kl. 10:00", "tidligere medlem", "mentor eller pårørendecoach", "så forløbet", "mine forløb", old.code],
      ]),
    );
    await page.screenshot({ path: "/tmp/loft-tab-dpo-desktop-long.png" });
    // Far down the log the header is still in sight.
    await page.getByTestId("access-lines").locator("tbody tr").nth(120).scrollIntoViewIfNeeded();
    const header = await page.getByRole("columnheader", { name: "Tidspunkt" }).boundingBox();
    expect(header!.y).toBeGreaterThanOrEqual(0);
    expect(header!.y).toBeLessThan(DESKTOP.height);
    await page.screenshot({ path: "/tmp/loft-tab-dpo-desktop-scrolled.png" });
    // Looking for a code among the newest 200: the box says more may be further back.
    await page.getByRole("searchbox", { name: "Find forløbskode" }).fill(old.code);
    expect(await page.getByTestId("access-log").textContent()).toContain("Der kan stå flere linjer længere tilbage: »Vis flere« nederst henter op til 1000.");
    await page.getByRole("searchbox", { name: "Find forløbskode" }).fill("");

    const more = page.getByRole("button", { name: "Vis flere" });
    // On a phone too: 200 lines as a list, «Vis flere» at its end, nothing wider than the screen.
    await page.setViewportSize(PHONE);
    await page.getByRole("list", { name: "Korpsets adgangslog" }).waitFor();
    expect(await page.getByRole("list", { name: "Korpsets adgangslog" }).getByRole("listitem").count()).toBe(200);
    await more.scrollIntoViewIfNeeded();
    await fitsWidth(page);
    await page.screenshot({ path: "/tmp/loft-tab-dpo-phone-more.png" });
    await page.setViewportSize(DESKTOP);
    await page.getByTestId("access-lines").locator("tbody tr").first().waitFor();
    await more.click();
    await page.getByRole("status").getByText(`Hele korpsets adgangslog: ${total} linjer.`).waitFor();
    expect(await page.getByTestId("access-lines").locator("tbody tr").count()).toBe(total);
    expect(await more.count()).toBe(0);
    // The button is gone: the keyboard's focus is on the first line not shown before.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-line"))).toBe("200");
    const all = await tableLines(page);
    // 09:00 UTC is 11:00 in Copenhagen in summer and 10:00 in winter, whatever the machine's time zone.
    expect(all).toEqual(expect.arrayContaining([["26. sep. 2026 kl. 11:00", "tidligere medlem", "mentor eller pårørendecoach", "så forløbet", "mine forløb", old.code]]));
    expect(all[all.length - 1]).toEqual(["20. mar. 2026 kl. 10:00", "tidligere medlem", "mentor eller pårørendecoach", "så forløbet", "mine forløb", old.code]);
    const at = await instants(page);
    expect(at).toEqual([...at].sort().reverse());
    expect(await axe(page)).toEqual([]);
    // The line about five cases names no code: the box cannot find it by one, and says so.
    await page.getByRole("searchbox", { name: "Find forløbskode" }).fill(cases[0].code);
    expect((await tableLines(page)).some((l) => l[5] === "5 forløb")).toBe(false);
    expect(await page.getByTestId("access-log").textContent()).toContain("Linjer om mere end tre forløb på én gang viser kun antallet og findes ikke her.");
    // The erased case is found by the code its erasure's line keeps.
    await page.getByRole("searchbox", { name: "Find forløbskode" }).fill("zx-9q8w");
    expect(await tableLines(page)).toEqual([["25. nov. 2026 kl. 09:58", "Løft", "Løft (opbevaringsperioden)", "slettede forløbet", "opbevaringsperioden udløb", "ZX-9Q8W"]]);
  } finally {
    await ctx.close();
  }
}, 120_000);

run("a coordinator has «Adgangslog» besides their other views; a leader and a mentor do not; on a meeting's stage no one sees it", async () => {
  clock.set(new Date(TEST_START.getTime() + 2 * 60 * MINUTE)); // 12:00 in Copenhagen
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Demo Koordinator \(/);
    await page.getByRole("tab", { name: "Overblik" }).waitFor();
    expect(await tabs(page)).toEqual(["Overblik", "Læringsmøde", "Implementering", "Forløb", "Halvårsskema", "Adgangslog", "Hele landet"]);
    await page.getByTestId("what-counts").waitFor(); // the figures were read: the cases they count are in the log
    await page.getByRole("tab", { name: "Adgangslog" }).click();
    await page.getByTestId("access-lines").waitFor();
    const lines = await tableLines(page);
    expect(lines).toEqual(expect.arrayContaining([mentorLine()]));
    expect(lines).toContainEqual(["25. nov. 2026 kl. 12:00", "Demo Koordinator", "koordinator", "talt med i korpsets tal", "fanen: korpsets tal", expect.stringMatching(/^(\d+ forløb|[A-Z]{2}-[0-9A-Z]{4}(, [A-Z]{2}-[0-9A-Z]{4})*)$/)]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Løft — korpsets overblik · Demo Kommune");
    expect(await axe(page)).toEqual([]);

    await signIn(page, /^Demo Leder \(/);
    await page.getByRole("tab", { name: "Overblik" }).waitFor();
    expect(await tabs(page)).toEqual(["Overblik", "Læringsmøde", "Implementering", "Hele landet"]);
    expect(await page.getByTestId("access-log").count()).toBe(0);

    await signIn(page, /^Demo Mentor \(/);
    await page.getByTestId("mine").waitFor();
    expect(await page.getByRole("tab").count()).toBe(0);
    expect(await page.getByTestId("access-log").count()).toBe(0);

    // A meeting's shared stage: the log names people and cases, so it is not there — for the coordinator nor the DPO.
    await signIn(page, /^Demo Koordinator \(/, "?stage=1");
    await page.getByRole("tab", { name: "Overblik" }).waitFor();
    expect(await page.getByRole("tab", { name: "Adgangslog" }).count()).toBe(0);
    await signIn(page, /^Dorte Databeskyttelse \(dpo\)/, "?stage=1");
    await page.getByText("Adgangsloggen vises ikke på mødets fælles skærm.", { exact: false }).waitFor();
    expect(await page.getByTestId("access-log").count()).toBe(0);
    expect(await page.locator("[data-figure], canvas").count()).toBe(0);
  } finally {
    await ctx.close();
  }
}, 120_000);

run("in English when Teams says so: the log's heading, roles, actions and flows in English", async () => {
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Dorte Databeskyttelse \(dpo\)/, "?lang=en");
    await page.getByRole("heading", { level: 1, name: "The corps' access log · Demo Kommune" }).waitFor();
    await page.getByTestId("access-lines").waitFor();
    expect(await page.title()).toBe("Løft — access log");
    expect(await tableLines(page)).toEqual(expect.arrayContaining([["25 Nov 2026, 11:15", "Demo Mentor", "mentor or relative coach", "saw the case", "my cases", c.code]]));
    expect(await page.getByRole("searchbox", { name: "Find a case code" }).count()).toBe(1);
  } finally {
    await ctx.close();
  }
}, 120_000);
