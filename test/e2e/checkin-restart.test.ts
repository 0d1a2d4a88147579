// The monthly check-in as an operator runs Løft (issue 9's Done-when): the app is stopped, started again on the
// check-in day (CLOCK_START), and catches up — once — on what fell due while it was down; and a process killed with
// kill -9 in the middle of asking the mentors neither loses nor repeats a status card when it is started again.
import { startTestApp, tempDataDir } from "../helpers/app";
import { cardText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { freePort, healthyWithin, startProcess, stopProcess, type AppProcess } from "../helpers/process";
import { demoCoordinator, demoMentor, demoRelativeCoach, message, post, type TeamsUser } from "../helpers/teams";
import { eventually } from "../helpers/until";
import { DEMO } from "../../src/domain/demo";

const demoMentor2: TeamsUser = { aadObjectId: DEMO.mentor2, name: "Demo Mentor 2" };
const coaches = [demoMentor, demoMentor2, demoRelativeCoach];
const chatOf = (u: TeamsUser) => `a:personal-${u.aadObjectId}`;

let connector: FakeConnector;
let proc: AppProcess | undefined;
beforeAll(async () => {
  connector = await startFakeConnector();
});
afterEach(async () => {
  if (proc) await stopProcess(proc, "SIGKILL");
  proc = undefined;
  connector.slow(0);
  connector.clear();
});
afterAll(() => connector?.close());

/** Status cards Teams accepted in a chat, by case code (duplicates kept: they are what the test looks for). */
function cardsIn(conversationId: string): string[] {
  return connector.calls
    .filter((c) => c.conversationId === conversationId && c.method === "POST" && c.status === 200)
    .map((c) => /Månedlig status · (\S+)/.exec(cardText(c.body.attachments?.[0]?.content ?? {}))?.[1])
    .filter((code): code is string => !!code)
    .sort();
}
const summaries = () => connector.calls.filter((c) => c.conversationId === DEMO.teamId && c.method === "POST" && c.status === 200);

async function run(dataDir: string, clockStart: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const p = startProcess({ port: await freePort(), dataDir, direct: true, env: { CLOCK_START: clockStart, SCHEDULER_INTERVAL_SECONDS: "1", ...env } });
  await healthyWithin(p.url, 60_000);
  return p;
}

/** The active cases of each coach, as the store has them (read with the app stopped). */
async function activeCodes(dataDir: string): Promise<Map<string, string[]>> {
  const app = await startTestApp({ dataDir, env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  try {
    const out = new Map<string, string[]>();
    for (const u of coaches) out.set(u.aadObjectId, (await app.store.repos.cases.listForCoach(DEMO.corpsId, u.aadObjectId)).filter((c) => ["referred", "clarifying", "active"].includes(c.status)).map((c) => c.code).sort());
    return out;
  } finally {
    await app.close();
  }
}

test("stopped, then started at 10:00 on the check-in day: the status cards (late) and exactly one summary; a restart at the same instant sends nothing", async () => {
  const dataDir = tempDataDir();
  // Running on 25 November: the mentor talks to Løft. Then it is stopped.
  proc = await run(dataDir, "2026-11-25T10:00:00+01:00");
  for (const u of [demoMentor, demoCoordinator]) expect((await post(proc.url, message(u, connector.serviceUrl, "hej"))).status).toBe(200);
  await stopProcess(proc, "SIGTERM");
  proc = undefined;
  expect(cardsIn(chatOf(demoMentor))).toEqual([]);

  // Started again at 10:00 on Tuesday 1 December, the demo corps' check-in day (the default: first working day, 09:00).
  proc = await run(dataDir, "2026-12-01T10:00:00+01:00");
  await eventually(() => summaries().length === 1 || undefined, "the summary in the channel");
  await stopProcess(proc, "SIGTERM");
  proc = undefined;
  const expected = (await activeCodes(dataDir)).get(DEMO.mentor)!;
  expect(cardsIn(chatOf(demoMentor))).toEqual(expected);
  const card = connector.calls.find((c) => c.conversationId === chatOf(demoMentor) && cardText(c.body.attachments?.[0]?.content ?? {}).includes("Månedlig status"))!;
  expect(cardText(card.body.attachments[0].content)).toContain("Er de opstillede mål fortsat relevante og realistiske?");
  expect(cardText(summaries()[0].body.attachments[0].content)).toContain("Månedlig status · december 2026");

  // The same instant again: nothing is sent twice.
  const before = connector.calls.length;
  proc = await run(dataDir, "2026-12-01T10:00:00+01:00");
  await new Promise((r) => setTimeout(r, 4000)); // several scheduler ticks
  await stopProcess(proc, "SIGTERM");
  proc = undefined;
  expect(connector.calls.slice(before).filter((c) => c.method === "POST")).toEqual([]);
  expect(summaries()).toHaveLength(1);
  expect(cardsIn(chatOf(demoMentor))).toEqual(expected);
}, 180_000);

test("kill -9 while the mentors are being asked: after a restart every status card has arrived once", async () => {
  const dataDir = tempDataDir();
  proc = await run(dataDir, "2026-11-25T10:00:00+01:00");
  for (const u of [...coaches, demoCoordinator]) expect((await post(proc.url, message(u, connector.serviceUrl, "hej"))).status).toBe(200);
  await stopProcess(proc, "SIGTERM");
  connector.clear();

  // Asking day; Teams answers slowly, so the fan-out is under way when the process is killed.
  connector.slow(300);
  proc = await run(dataDir, "2026-11-26T09:00:00+01:00");
  await eventually(() => (cardsIn(chatOf(demoMentor)).length + cardsIn(chatOf(demoMentor2)).length >= 3 ? true : undefined), "three cards sent", 60_000);
  await stopProcess(proc, "SIGKILL");
  proc = undefined;
  const sentBeforeKill = coaches.map((u) => cardsIn(chatOf(u)).length).reduce((a, b) => a + b, 0);
  const expected = await activeCodes(dataDir);
  const total = [...expected.values()].reduce((n, l) => n + l.length, 0);
  expect(sentBeforeKill).toBeLessThan(total); // the kill did interrupt the fan-out

  // Six minutes later (the dead runner's claim on the job has lapsed), the fan-out is completed.
  connector.slow(0);
  proc = await run(dataDir, "2026-11-26T09:06:00+01:00");
  await eventually(() => (coaches.every((u) => cardsIn(chatOf(u)).length >= expected.get(u.aadObjectId)!.length) ? true : undefined), "every card", 60_000);
  await new Promise((r) => setTimeout(r, 3000)); // a few more ticks: nothing more may come
  await stopProcess(proc, "SIGTERM");
  proc = undefined;
  for (const u of coaches) expect(cardsIn(chatOf(u))).toEqual(expected.get(u.aadObjectId));
}, 240_000);
