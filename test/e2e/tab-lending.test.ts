// Lending between corps in the tab (issue 24), in headless Chromium outside Teams (local mode): a demo case is coached
// by Mette, lent by a corps in another tenant. The demo corps' coordinator sees the case borrowed in «Forløb»; the
// lending corps' coordinator sees whom they lent to which corps — never the case. (The lending itself is made and
// ended over the Bot Framework protocol in test/integration/lending.test.ts; here it is written as that flow leaves
// it.) The app's clock stands still at TEST_START. Screenshots: /tmp/loft-tab-lending-*.png.
import type { Page } from "playwright-core";
import { startTestApp, TEST_START } from "../helpers/app";
import { haveChromium, launchChromium } from "../helpers/browser";
import { axe, fitsWidth, signInTab } from "../helpers/tab";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import type { Case } from "../../src/domain/model";
import { seedSmallCorps } from "../integration/dashboard-corps";

const run = haveChromium() || process.env.LOFT_REQUIRE_BROWSER ? test : test.skip;
const TENANT_B = "0000000b-0000-0000-0000-000000000000";
const METTE = "0000000b-0000-0000-0000-000000000011";
const clock = manualClock(TEST_START);
let app: RunningApp;
let lent: Case;

beforeAll(async () => {
  app = await startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  await seedSmallCorps(app.store, {
    corpsId: "nabo",
    teamId: "19:nabo@thread.tacv2",
    name: "Nabo Kommune",
    tenantId: TENANT_B,
    municipalityCode: "0851",
    people: [
      { id: "0000000b-0000-0000-0000-000000000001", name: "Kaj Koordinator", roles: ["coordinator"] },
      { id: METTE, name: "Mette Mentor", roles: ["mentor"] },
    ],
    cases: [],
  });
  lent = (await app.store.repos.cases.list(DEMO.corpsId)).find((c) => c.status === "active")!;
  const id = "lending-00000000-0000-4000-8000-000000000001";
  await app.store.repos.lendings.create({
    type: "lending",
    id,
    corpsId: DEMO.corpsId,
    lenderCorpsId: "nabo",
    caseId: lent.id,
    kind: lent.kind,
    status: "agreed",
    askedBy: DEMO.coordinator,
    askedAt: "2026-11-20T09:00:00Z",
    guest: { aadObjectId: METTE, name: "Mette Mentor", tenantId: TENANT_B },
    answeredBy: "0000000b-0000-0000-0000-000000000001",
    answeredAt: "2026-11-21T09:00:00Z",
  });
  await app.store.repos.lendings.createRef({ type: "lendingRef", id, corpsId: "nabo", borrowerCorpsId: DEMO.corpsId });
});
afterAll(() => app?.close());

async function lendingLines(page: Page, who: RegExp): Promise<string[]> {
  await signInTab(page, app.url, who);
  await page.getByRole("tab", { name: "Forløb", exact: true }).click();
  await page.getByTestId("cases-lendings").waitFor();
  return page.getByTestId("cases-lendings").getByRole("listitem").allTextContents();
}

run("both coordinators see the lending in «Forløb»: the borrowing corps with the case, the lending corps without it", async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const ctx = await launchChromium({ viewport });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      expect(await lendingLines(page, /^Demo Koordinator \(/)).toEqual([`${lent.code}: Mette Mentor fra Aalborg (Nabo Kommune), siden 21. nov. 2026`]);
      expect(await axe(page)).toEqual([]);
      await fitsWidth(page);
      await page.screenshot({ path: `/tmp/loft-tab-lending-borrower-${viewport.width}.png`, fullPage: true });
      const lender = await lendingLines(page, /^Kaj Koordinator \(/);
      expect(lender).toEqual(["Mette Mentor lånt ud til Odense (Demo Kommune), siden 21. nov. 2026"]);
      expect(await page.locator("main").textContent()).not.toContain(lent.code);
      expect(await axe(page)).toEqual([]);
      await fitsWidth(page);
    } finally {
      await ctx.close();
    }
  }
}, 180_000);
