// Benchmark: how long a mentor waits for the bot, and how many store round trips a turn costs.
// Real parts: the app in-process on the embedded Cosmos server, activities POSTed over HTTP.
//   npx tsx bench/turns.ts [iterations]   → prints a Markdown table (copied into docs/performance.md)
import { startTestApp } from "../test/helpers/app";
import { TeamsSession } from "../test/helpers/bot";
import { startFakeConnector } from "../test/helpers/connector";
import { demoMentor } from "../test/helpers/teams";
import { DEMO } from "../src/domain/demo";

const N = Number(process.argv[2] ?? 200);

function quantile(xs: number[], q: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function main() {
  const [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
  const mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  const [c] = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((x) => x.status === "active");
  const rows: string[] = [];
  const measure = async (name: string, turn: () => Promise<unknown>) => {
    for (let i = 0; i < 10; i++) await turn(); // warm-up
    const times: number[] = [];
    const before = app.store.requestCount()!;
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      await turn();
      times.push(performance.now() - t0);
    }
    const perTurn = (app.store.requestCount()! - before) / N;
    rows.push(`| ${name} | ${N} | ${quantile(times, 0.5).toFixed(1)} | ${quantile(times, 0.95).toFixed(1)} | ${quantile(times, 0.99).toFixed(1)} | ${perTurn.toFixed(1)} |`);
  };

  await measure("menu (Action.Execute)", () => mentor.press("menu"));
  await measure("open preparation card", () => mentor.press("prepare.open", { caseId: c.id }));
  const prep = await mentor.press("prepare.open", { caseId: c.id });
  await measure("submit preparation (new each time)", async () => {
    const fresh = await mentor.press("prepare.open", { caseId: c.id });
    return mentor.submit(fresh, "prepare.submit", { q1: "Plan", plannedDate: "2026-12-01", plannedTime: "10:00" });
  });
  await measure("replayed preparation submit", () => mentor.submit(prep, "prepare.submit", { q1: "Plan", plannedDate: "2026-12-01", plannedTime: "10:00" }));
  await measure("submit reflection (new each time)", async () => {
    const fresh = await mentor.press("reflect.open", { caseId: c.id });
    return mentor.submit(fresh, "reflect.submit", { r1: "Godt.", match: "ja", progress: "5" });
  });
  await measure("refused reflection (CPR number)", async () => {
    const fresh = await mentor.press("reflect.open", { caseId: c.id });
    return mentor.submit(fresh, "reflect.submit", { r1: "cpr 010190-1234", match: "ja", progress: "5" });
  });

  console.log(`Node ${process.version}, ${N} turns each after 10 warm-up turns, one client, sequential.\n`);
  console.log("| turn | n | p50 ms | p95 ms | p99 ms | store requests per turn |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows) console.log(r);
  await Promise.all([app.close(), connector.close()]);
}

void main();
