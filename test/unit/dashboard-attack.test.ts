// The attacker of issue 20 §2 over the pure function (test/integration/dashboard-attacker.ts), for the demo corps as
// it would be built on several days of the year — the window's years and the quarters that have begun change with
// the date — so the rule is shown to hold whatever the date, not only at the test app's.
import { csvLabel, CSV_HIDDEN } from "../../src/api/labels";
import { dashboardCsv, dashboardOf, releaseOf, viewOf } from "../../src/domain/dashboard";
import { buildDemoData } from "../../src/domain/demo";
import { defaultPeriod } from "../../src/domain/periods";
import { attack } from "../integration/dashboard-attacker";

test.each([
  ["5 January (a new year, hardly begun)", "2026-01-05T09:00:00Z"],
  ["1 April, the first day of a quarter", "2026-04-01T06:00:00Z"],
  ["mid-July", "2026-07-15T10:00:00Z"],
  ["New Year's Eve at 23:30 UTC (already 1 January in Copenhagen)", "2027-12-31T23:30:00Z"],
])("the demo corps built on %s: no hidden figure of 1–4 cases is determined", async (_name, at) => {
  const now = new Date(at);
  const demo = buildDemoData(now);
  const release = releaseOf({ cases: demo.cases, rounds: demo.rounds }, now);
  const { hiddenSmall, found } = await attack(async ({ period, kind }) => {
    const json = viewOf(release, { period: period ?? defaultPeriod(now), kind }, now);
    return { json, csv: dashboardCsv(json, csvLabel, CSV_HIDDEN) };
  }, demo.cases);
  expect(hiddenSmall).toBeGreaterThan(0);
  expect(found).toEqual([]);
  // The view is the whole function: the same answer as computing it afresh.
  expect(viewOf(release, { period: defaultPeriod(now) }, now)).toEqual(dashboardOf({ cases: demo.cases, rounds: demo.rounds }, { period: defaultPeriod(now) }, now));
}, 300_000);
