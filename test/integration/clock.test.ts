// CLOCK_START: in local mode the app's clock starts at the given instant (demos and tests of monthly work).
import { startTestApp } from "../helpers/app";
import { DEMO } from "../../src/domain/demo";

test("the app's clock starts at CLOCK_START, and the demo's history ends there", async () => {
  const app = await startTestApp({ env: { CLOCK_START: "2027-03-01T08:00:00Z" } });
  try {
    const now = app.clock().getTime();
    expect(now).toBeGreaterThanOrEqual(Date.parse("2027-03-01T08:00:00Z"));
    expect(now).toBeLessThan(Date.parse("2027-03-01T08:01:00Z"));
    const cases = await app.store.repos.cases.list(DEMO.corpsId);
    const latest = Math.max(...cases.map((c) => Date.parse(c.lastReflection?.at ?? c.openedAt)));
    expect(latest).toBeLessThanOrEqual(now);
    expect(latest).toBeGreaterThan(Date.parse("2027-02-01T00:00:00Z"));
  } finally {
    await app.close();
  }
});

test("in production CLOCK_START is ignored", async () => {
  const app = await startTestApp({
    env: { CLOCK_START: "2027-03-01T08:00:00Z", MicrosoftAppId: "6f1c2d3e-0000-4000-8000-000000000abc", ALLOW_EMBEDDED_STORE: "true", SEED_DEMO: "false" },
  });
  try {
    expect(Math.abs(app.clock().getTime() - Date.now())).toBeLessThan(5000);
  } finally {
    await app.close();
  }
});
