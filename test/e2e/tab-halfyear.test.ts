// The coordinator's «Halvårsskema» in the tab (issue 24), in headless Chromium outside Teams (local mode): the figures
// Løft has ready for the half-yearly questionnaire the national centre (CDE) sends — exact, for the whole corps, its
// mentor cases and its relative-coach cases — for the latest half-year that has ended by the app's clock; a note to CDE
// that is saved with who saved it and when, and refused in Danish (the text kept) when it holds a CPR number; the file
// for CDE as CSV and as a printable page, with the note in it. Leaders, mentors and a meeting's shared stage have no
// «Halvårsskema». At desktop and phone width, with no WCAG 2.1 AA violation axe can find. The app's clock stands still
// at TEST_START and is moved by the test: no assertion depends on today's date or on how fast anything runs.
// Screenshots go to /tmp/loft-tab-halfyear-*.png to be looked at.
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
const clock = manualClock(TEST_START); // Wednesday 25 November 2026, 10:00 in Copenhagen
let app: RunningApp;
let cases: Case[];

/** "2026-06" for an instant: its month in Copenhagen, worked out here, not by the app. */
const copenhagenMonth = (iso: string) => {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit" }).formatToParts(new Date(iso));
  return `${parts.find((p) => p.type === "year")!.value}-${parts.find((p) => p.type === "month")!.value}`;
};
/** The latest half-year that has ended at `now` (Copenhagen): its id, Danish name and months. */
function lastEndedHalf(now: Date) {
  const [y, m] = copenhagenMonth(now.toISOString()).split("-").map(Number);
  const [year, half] = m >= 7 ? [y, 1] : [y - 1, 2];
  return halfYear(year, half);
}
function halfYear(year: number, half: number) {
  const months = Array.from({ length: 6 }, (_, i) => `${year}-${String((half - 1) * 6 + i + 1).padStart(2, "0")}`);
  return { id: `${year}-H${half}`, name: `${half}. halvår ${year}`, months };
}
/** The demo corps' cases opened in a half-year's months, counted here from the store. */
const openedIn = (months: string[], kind?: Case["kind"]) => cases.filter((c) => months.includes(copenhagenMonth(c.openedAt)) && (!kind || c.kind === kind)).length;

beforeAll(async () => {
  app = await startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  cases = await app.store.repos.cases.list(DEMO.corpsId);
});
afterAll(() => app?.close());

const signIn = (page: Page, who: RegExp, query = "") => signInTab(page, app.url, who, query);

/** Signed in as the demo coordinator, on «Halvårsskema» with its figures shown. */
async function openHalfYear(page: Page, query = "") {
  await signIn(page, /^Demo Koordinator \(/, query);
  await page.getByRole("tab", { name: query.includes("lang=en") ? "Half-year report" : "Halvårsskema", exact: true }).click();
  await page.getByTestId("halfyear-table").waitFor();
}

/** A figure as shown in a row of the table, for one column: its value (data-figure), or null for "–" or a hidden one. */
async function figure(page: Page, row: string, kind: "all" | "mentor" | "relativeCoach"): Promise<number | null> {
  const cell = page.getByTestId("halfyear-table").locator(`tr[data-row="${row}"] td[data-kind="${kind}"] [data-figure]`);
  return (await cell.count()) === 0 ? null : Number(await cell.getAttribute("data-figure"));
}
/** The column headers as read (soft hyphens, which only let long words break on a phone, left out). */
const columnHeaders = async (page: Page) => (await page.getByTestId("halfyear-table").locator("thead th").allTextContents()).map((s) => s.replace(/\u00ad/g, ""));
const noteBox = (page: Page) => page.getByRole("textbox", { name: "Bemærkning til CDE" });

run("a coordinator's «Halvårsskema»: the latest ended half-year's exact figures, a note saved with who and when, a CPR number refused in Danish, the file for CDE with the note", async () => {
  clock.set(TEST_START);
  const half = lastEndedHalf(clock());
  expect(half.id).toBe("2026-H1"); // what the test clock gives; the figures below are counted from the store
  const opened = openedIn(half.months);
  expect(opened).toBeGreaterThan(0);
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await openHalfYear(page);
    const view = page.getByTestId("halfyear");
    await page.getByRole("heading", { level: 2, name: `Halvårsskema til CDE · ${half.name}` }).waitFor();
    const intro = await view.getByRole("note").textContent();
    expect(intro).toContain("spørgeskema om aktuelle forløb, som Nationalt Center for Forebyggelse af Ekstremisme (CDE) sender");
    expect(intro).toContain("fx forløb, der ikke er registreret i Løft");
    expect(intro).toContain("I filen til CDE er tal bygget på færre end fem forløb skjult, som i ledelsens overblik.");
    // The half-years that have ended, newest first: the one shown is the latest, the running one is not offered.
    await page.getByRole("combobox", { name: "Halvår" }).click();
    const offered = await page.getByRole("option").allTextContents();
    expect(offered[0]).toBe(half.name);
    expect(offered).toContain("2. halvår 2025");
    expect(offered).not.toContain("2. halvår 2026");
    await page.keyboard.press("Escape");

    // The table: a row per figure, a column per kind of case, headers a screen reader reads with each cell.
    const table = page.getByRole("table", { name: `Korpsets tal for ${half.name}` });
    expect(await columnHeaders(page)).toEqual(["Tal", "Hele korpset", "Mentorforløb", "Pårørendecoachforløb"]);
    expect(await table.getByRole("rowheader", { name: "Nye forløb", exact: true }).count()).toBe(1);
    expect(await table.locator('th[scope="row"]').count()).toBeGreaterThan(20);
    // «Nye forløb» for the whole corps is the count of the corps' cases opened in the half-year — and exact: the kinds
    // add up to it however small they are (the leaders' overview would hide a part of 1–4).
    expect(await figure(page, "new", "all")).toBe(opened);
    expect(await figure(page, "new", "mentor")).toBe(openedIn(half.months, "mentor"));
    expect(await figure(page, "new", "relativeCoach")).toBe(openedIn(half.months, "relativeCoach"));
    expect(await figure(page, "active", "all")).toBe(cases.filter((c) => c.status !== "closed").length);
    expect(await view.locator("[data-suppressed]").count()).toBe(0);
    // A mean says what it rests on.
    expect(await page.getByTestId("halfyear-table").locator('tr[data-row="who5-pre"] td[data-kind="all"]').textContent()).toMatch(/^\d+(,\d)? ?n = \d+$/);
    await fitsWidth(page);
    await page.screenshot({ path: "/tmp/loft-tab-halfyear-desktop.png", fullPage: true });
    expect(await axe(page)).toEqual([]);

    // A note to CDE: saved, and the page says by whom and when (Copenhagen time), in a live region.
    expect(await noteBox(page).inputValue()).toBe("");
    const status = page.getByTestId("halfyear-note-status");
    expect(await page.getByTestId("halfyear-note-status").textContent()).toBe("Ingen bemærkning gemt for dette halvår.");
    const note = "To forløb fra Kriminalforsorgen er ikke registreret i Løft.";
    await noteBox(page).fill(note);
    expect(await page.getByTestId("halfyear-unsaved").count()).toBe(1); // not in the file until saved
    await page.getByRole("button", { name: "Gem bemærkning" }).click();
    await status.getByText("Bemærkningen er gemt.", { exact: false }).waitFor();
    expect(await status.getAttribute("role")).toBe("status");
    expect(await status.textContent()).toBe("Bemærkningen er gemt. Gemt af Demo Koordinator den 25. nov. 2026 kl. 10:00.");
    expect(await page.getByTestId("halfyear-unsaved").count()).toBe(0);

    // A CPR number is refused, said in Danish, and what was written stays in the field.
    clock.set(new Date(TEST_START.getTime() + 5 * MINUTE));
    const withCpr = `${note} Den ene er 010190-1234.`;
    await noteBox(page).fill(withCpr);
    await page.getByRole("button", { name: "Gem bemærkning" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("CPR-nummer", { exact: false }).waitFor();
    expect(await alert.textContent()).toBe("Bemærkningen indeholder et CPR-nummer og er ikke gemt. Skriv ingen personoplysninger til CDE.");
    expect(await noteBox(page).inputValue()).toBe(withCpr);
    expect(await noteBox(page).getAttribute("aria-invalid")).toBe("true");
    expect(await noteBox(page).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId("halfyear-note-status").textContent()).toBe("Gemt af Demo Koordinator den 25. nov. 2026 kl. 10:00.");
    expect(await page.getByTestId("halfyear-unsaved").count()).toBe(1);
    await page.screenshot({ path: "/tmp/loft-tab-halfyear-desktop-refused.png", fullPage: true });
    expect(await axe(page)).toEqual([]);
    // The store has the saved note, not the refused one.
    expect((await app.store.repos.halfYearNotes.get(DEMO.corpsId, half.id))?.note).toBe(note);

    // The file for CDE: the saved note and the figures, with the corps and the half-year in its name.
    await noteBox(page).fill(note);
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Hent til CDE (CSV)" }).click()]);
    expect(csv.suggestedFilename()).toBe(`loft-halvaar-${DEMO.corpsId}-${half.id}.csv`);
    const text = readFileSync((await csv.path())!, "utf8");
    expect(text).toContain(`Halvårsskema til CDE;${half.name}`);
    expect(text).toContain(note);
    expect(text).not.toContain("010190-1234");
    expect(text).toMatch(new RegExp(`^Overblik;Nye forløb i perioden;${opened};`, "m"));
    await page.getByTestId("halfyear-file-status").getByText(`Hentet som »loft-halvaar-${DEMO.corpsId}-${half.id}.csv«.`).waitFor();
    const [html] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Hent til CDE (side til udskrift)" }).click()]);
    expect(html.suggestedFilename()).toBe(`loft-halvaar-${DEMO.corpsId}-${half.id}.html`);
    const printable = readFileSync((await html.path())!, "utf8");
    expect(printable).toContain(`<h1>Halvårsskema til CDE · ${half.name}</h1>`);
    expect(printable).toContain(note);

    // Another half-year: its own figures and no note; back again, the note is there.
    const before = halfYear(2025, 2);
    await page.getByRole("combobox", { name: "Halvår" }).click();
    await page.getByRole("option", { name: before.name }).click();
    await page.getByRole("heading", { level: 2, name: `Halvårsskema til CDE · ${before.name}` }).waitFor();
    await page.locator(`[data-testid=halfyear][data-period="${before.id}"]`).waitFor();
    expect(await figure(page, "new", "all")).toBe(openedIn(before.months));
    expect(await noteBox(page).inputValue()).toBe("");
    await page.getByRole("combobox", { name: "Halvår" }).click();
    await page.getByRole("option", { name: half.name }).click();
    await page.locator(`[data-testid=halfyear][data-period="${half.id}"]`).waitFor();
    expect(await noteBox(page).inputValue()).toBe(note);

    // Opened again later: the saved note, who saved it and when.
    clock.set(new Date(TEST_START.getTime() + 60 * MINUTE));
    await openHalfYear(page);
    expect(await noteBox(page).inputValue()).toBe(note);
    expect(await page.getByTestId("halfyear-note-status").textContent()).toBe("Gemt af Demo Koordinator den 25. nov. 2026 kl. 10:00.");
  } finally {
    await ctx.close();
  }
}, 120_000);

run("on a phone (390 px): the table, the note and the buttons fit the screen; nothing wider than it", async () => {
  clock.set(TEST_START);
  const ctx = await launchChromium({ viewport: PHONE });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await openHalfYear(page);
    expect(await figure(page, "new", "all")).toBe(openedIn(lastEndedHalf(clock()).months));
    await page.screenshot({ path: "/tmp/loft-tab-halfyear-phone.png", fullPage: true });
    await page.screenshot({ path: "/tmp/loft-tab-halfyear-phone-top.png" });
    await fitsWidth(page);
    // The table fits its box: no sideways scrolling needed to read the three columns.
    const box = page.getByTestId("halfyear-table-box");
    expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    // Each figure's name above its three values, and far down the table the columns' names still in sight.
    expect(await page.getByTestId("halfyear-table").locator('tr[data-row="gse-post"] td').count()).toBe(3);
    await page.getByTestId("halfyear-table").locator('tr[data-row="gse-post"]').scrollIntoViewIfNeeded();
    const header = await page.getByTestId("halfyear-table").locator('thead th[data-kind="relativeCoach"]').boundingBox();
    expect(header!.y).toBeGreaterThanOrEqual(0);
    expect(header!.y).toBeLessThan(PHONE.height);
    await page.screenshot({ path: "/tmp/loft-tab-halfyear-phone-scrolled.png" });
    for (const name of ["Gem bemærkning", "Hent til CDE (CSV)", "Hent til CDE (side til udskrift)"]) {
      const b = await page.getByRole("button", { name }).boundingBox();
      expect(b!.x).toBeGreaterThanOrEqual(0);
      expect(b!.x + b!.width).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await axe(page)).toEqual([]);
  } finally {
    await ctx.close();
  }
}, 120_000);

run("dark and high contrast, desktop and a 320 px side panel: axe finds nothing in «Halvårsskema»", async () => {
  clock.set(TEST_START);
  const found = await acrossThemes("loft-tab-halfyear", async (page, query, check) => {
    await openHalfYear(page, query);
    await check();
  });
  expect(found).toEqual([]);
}, 180_000);

run("only a coordinator has «Halvårsskema»: not a leader, not a mentor, and not on a meeting's shared stage", async () => {
  clock.set(TEST_START);
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await signIn(page, /^Demo Koordinator \(/);
    await page.getByRole("tab", { name: "Overblik" }).waitFor();
    expect(await page.getByRole("tab", { name: "Halvårsskema", exact: true }).count()).toBe(1);

    await signIn(page, /^Demo Leder \(/);
    await page.getByRole("tab", { name: "Overblik" }).waitFor();
    expect(await page.getByRole("tab", { name: "Halvårsskema", exact: true }).count()).toBe(0);
    expect(await page.getByTestId("halfyear").count()).toBe(0);

    await signIn(page, /^Demo Mentor \(/);
    await page.getByTestId("mine").waitFor();
    expect(await page.getByRole("tab").count()).toBe(0);
    expect(await page.getByTestId("halfyear").count()).toBe(0);

    // The exact figures show small numbers: never on the screen a meeting shares.
    await signIn(page, /^Demo Koordinator \(/, "?stage=1");
    await page.getByRole("tab", { name: "Overblik" }).waitFor();
    expect(await page.getByRole("tab", { name: "Halvårsskema", exact: true }).count()).toBe(0);
  } finally {
    await ctx.close();
  }
}, 120_000);

run("in English when Teams says so: the heading, the columns and the buttons in English (the file for CDE stays Danish)", async () => {
  clock.set(TEST_START);
  const ctx = await launchChromium({ viewport: DESKTOP });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await openHalfYear(page, "?lang=en");
    await page.getByRole("heading", { level: 2, name: "Half-year report to CDE · H1 2026" }).waitFor();
    expect(await columnHeaders(page)).toEqual(["Figure", "The whole corps", "Mentor cases", "Relative-coach cases"]);
    expect(await page.getByRole("textbox", { name: "Note to CDE" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Download for CDE (CSV)" }).count()).toBe(1);
    expect(await page.getByRole("table", { name: "The corps' figures for H1 2026" }).getByRole("rowheader", { name: "New cases", exact: true }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
  } finally {
    await ctx.close();
  }
}, 120_000);
