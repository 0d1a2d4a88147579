// Stopping as App Service does (SIGTERM, then about 30 s): the turn under way finishes and its reply reaches Teams
// before the app stops; a turn that outlasts the grace period is cut, and the stop still ends (what it owed stays owed).
import { startTestApp } from "../helpers/app";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoMentor, message, post } from "../helpers/teams";
import { eventually } from "../helpers/until";

let connector: FakeConnector;
beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(() => connector?.close());

test("a stop while a turn is under way: the turn finishes, its reply reaches Teams, then the app stops", async () => {
  const app = await startTestApp();
  connector.clear();
  connector.slow(1500); // Teams takes its time with the reply: the turn is under way when the stop comes
  const turn = post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  await eventually(() => connector.calls.length > 0, "the reply left");
  const stopped = app.close(60_000);
  const res = await turn;
  expect(res.status).toBe(200);
  await stopped;
  expect(connector.calls.filter((c) => c.method === "POST")).toHaveLength(1);
  // Stopped: no new connections.
  await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
  connector.slow(0);
});

test("a turn that outlasts the grace period is cut: the stop still ends", async () => {
  const app = await startTestApp();
  connector.clear();
  connector.slow(4000);
  const turn = post(app.url, message(demoMentor, connector.serviceUrl, "hej")).catch((e: Error) => e);
  await eventually(() => connector.calls.length > 0, "the reply left");
  await app.close(50);
  // The connection was cut: Teams got no answer (it retries the activity elsewhere), nothing half-done was confirmed.
  expect(String(await turn)).toMatch(/fetch failed|terminated|socket/i);
  connector.slow(0);
});

test("access-log lines the store would not take are tried once more at the stop, not lost with the instance", async () => {
  const { DEMO } = await import("../../src/domain/demo");
  const { TeamsSession } = await import("../helpers/bot");
  const { accessLinesPending } = await import("../../src/store/access");
  const app = await startTestApp();
  connector.clear();
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  const repos = app.store.repos;
  const c = (await repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor))[0];
  const add = repos.access.add;
  let stopping = false;
  const written: string[] = [];
  repos.access.add = async (line) => {
    if (!stopping) throw new Error("the store took no write");
    written.push(...line.caseIds);
    return add(line);
  };
  await new TeamsSession(app.url, connector.serviceUrl, demoMentor).press("cases.open", { caseId: c.id });
  expect(accessLinesPending(repos)).toBeGreaterThan(0);
  stopping = true;
  await app.close();
  expect(accessLinesPending(repos)).toBe(0);
  expect(written).toContain(c.id);
});
