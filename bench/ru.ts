// What one reflection submit and one dashboard request cost in Cosmos DB's currency, Request Units (npx tsx bench/ru.ts).
// The app runs on its Azure path (COSMOS_ENDPOINT + COSMOS_KEY, production client settings) through the fault proxy
// (test/helpers/cosmos-faults.ts, no faults) in front of the embedded store, and every request is recorded with its
// kind, its bytes and the `x-ms-request-charge` the store answered.
//
// The embedded store does not compute request charges: src/store/embedded.ts answers every request with
// `x-ms-request-charge: 1`, whatever it did. So the charges it reports count requests, nothing more. What this
// prints instead: the requests and bytes per kind (measured), and an ESTIMATE of the RU from Cosmos DB's documented
// cost of a point read and a write by item size (learn.microsoft.com/azure/cosmos-db/understand-request-unit-consumption,
// "Document size": session consistency, default indexing), with queries assumed to cost a fixed overhead plus the read
// cost of the bytes they return (Cosmos DB documents no such formula: "a variable number of RUs, potentially more than
// point operations", learn.microsoft.com/cosmos-db/request-units). Measure on Azure before trusting it.
import pino from "pino";
import { startTestApp, tempDataDir } from "../test/helpers/app";
import { TeamsSession } from "../test/helpers/bot";
import { cardText } from "../test/helpers/cards";
import { startFakeConnector } from "../test/helpers/connector";
import { startCosmosFaultProxy, tally, type ProxiedRequest } from "../test/helpers/cosmos-faults";
import { demoMentor, message, post } from "../test/helpers/teams";
import { TEST_START } from "../test/helpers/time";
import { devToken } from "../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../src/config";
import { manualClock } from "../src/domain/clock";
import { DEMO } from "../src/domain/demo";
import { seedDemo } from "../src/demo-seed";
import { openStore } from "../src/store";

/** Documented RU by item size in KB (understand-request-unit-consumption, "Document size"): [KB, read, write]. */
const DOCUMENTED: Array<[number, number, number]> = [
  [1, 1.0, 4.95],
  [2, 1.04, 6.29],
  [4, 1.14, 6.67],
  [8, 1.33, 7.04],
  [16, 1.67, 9.52],
  [32, 2.19, 11.23],
  [64, 4.76, 22.67],
  [128, 9.95, 48.19],
];
/** ASSUMED, not documented: what a small single-partition query costs before the documents it returns. */
const QUERY_OVERHEAD_RU = 2.5;

/** The documented cost of an item of `bytes`, linear between the table's rows (at least the 1 KB row). */
function documented(bytes: number, column: 1 | 2): number {
  const kb = Math.max(1, bytes / 1024);
  for (let i = 1; i < DOCUMENTED.length; i++) {
    const [k0, ...a] = DOCUMENTED[i - 1];
    const [k1, ...b] = DOCUMENTED[i];
    if (kb <= k1) return a[column - 1] + ((b[column - 1] - a[column - 1]) * (kb - k0)) / (k1 - k0);
  }
  return DOCUMENTED[DOCUMENTED.length - 1][column];
}

/** The estimate for one request (see the header): reads by the bytes returned, writes by the bytes written. */
function estimate(r: ProxiedRequest): number {
  if (r.status >= 400 && r.status !== 404) return 0;
  switch (r.kind) {
    case "read":
      return documented(r.responseBytes, 1);
    case "write":
      // a delete carries no body: costed as a 1 KB write
      return documented(r.requestBytes, 2);
    case "query":
      return QUERY_OVERHEAD_RU + (r.responseBytes > 400 ? documented(r.responseBytes, 1) : 0);
    default:
      return 0; // metadata and the query plan: not estimated
  }
}

function table(title: string, requests: readonly ProxiedRequest[]): string {
  const t = tally(requests);
  const rows = Object.entries(t).map(([kind, x]) => {
    const est = requests.filter((r) => r.kind === kind).reduce((s, r) => s + estimate(r), 0);
    return `| ${kind} | ${x.requests} | ${x.charge} | ${x.requestBytes.toLocaleString("en")} | ${x.responseBytes.toLocaleString("en")} | ${kind === "query-plan" || kind === "metadata" ? "–" : est.toFixed(1)} |`;
  });
  const total = requests.reduce((s, r) => s + estimate(r), 0);
  return [
    `**${title}**`,
    "",
    "| kind | requests | charge reported by the embedded store | bytes sent | bytes received | RU, ESTIMATE |",
    "|---|---|---|---|---|---|",
    ...rows,
    `| all | ${requests.length} | ${requests.reduce((s, r) => s + (r.charge ?? 0), 0)} | ${requests.reduce((s, r) => s + r.requestBytes, 0).toLocaleString("en")} | ${requests.reduce((s, r) => s + r.responseBytes, 0).toLocaleString("en")} | ${total.toFixed(1)} |`,
    "",
    "Requests in order: " + requests.map((r) => `${r.method} ${r.container ?? ""}${r.kind === "query" ? " (query)" : r.kind === "query-plan" ? " (plan)" : ""}`).join(", "),
    "",
  ].join("\n");
}

async function main() {
  const log = pino({ level: "silent" });
  const clock = manualClock(new Date("2026-11-24T09:00:00Z"));
  const dataDir = tempDataDir();
  const embedded = await openStore({ DATA_DIR: dataDir, COSMOS_DATABASE: "loft" }, log);
  await seedDemo(embedded, manualClock(TEST_START));
  const proxy = await startCosmosFaultProxy(embedded.endpoint);
  const [app, connector] = await Promise.all([
    startTestApp({ clock, env: { COSMOS_ENDPOINT: proxy.endpoint, COSMOS_KEY: "embedded-local-key" } }),
    startFakeConnector(),
  ]);
  try {
    const mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
    await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
    const c = (await embedded.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((x) => x.status === "active")[0];
    const card = await mentor.press("reflect.open", { caseId: c.id });

    // One reflection submit: the turn (until the card answers), then what the derivation does after the answer.
    proxy.reset();
    const done = await mentor.submit(card, "reflect.submit", { r1: "Vi fik talt om praktikken.", r6: "Positivt på planen.", match: "ja", progress: "6", agreements: "Vi ses torsdag." });
    if (!cardText(done).includes("✓ Refleksion gemt")) throw new Error("the reflection was not saved");
    const turn = [...proxy.requests];
    await app.drain();
    const after = proxy.requests.slice(turn.length);

    // One dashboard request by the demo leader (a first one before, so the SDK's metadata is cached as in a running app).
    const token = await devToken(app.dataDir, { aadObjectId: DEMO.leader, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() });
    const auth = { authorization: `Bearer ${token}` };
    if ((await fetch(`${app.url}/api/dashboard`, { headers: auth })).status !== 200) throw new Error("dashboard");
    proxy.reset();
    const res = await fetch(`${app.url}/api/dashboard`, { headers: auth });
    if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
    await res.arrayBuffer();
    const dashboard = [...proxy.requests];
    const cases = (await embedded.repos.cases.list(DEMO.corpsId)).length;

    console.log(`# RU per reflection submit and per dashboard request — npx tsx bench/ru.ts, ${new Date().toISOString().slice(0, 10)}`);
    console.log(`Node ${process.version}; the demo corps (${cases} cases); the app on its Azure path through the proxy.\n`);
    console.log(table("Reflection submit — the turn (until the card answers)", turn));
    console.log(table("Reflection submit — after the answer (the case's read model, the coach's index, the derive job removed)", after));
    console.log(table("Dashboard — GET /api/dashboard as the demo leader", dashboard));
    const sum = (xs: readonly ProxiedRequest[]) => xs.reduce((s, r) => s + estimate(r), 0).toFixed(1);
    console.log(`ESTIMATE totals: reflection submit ≈ ${sum([...turn, ...after])} RU (${turn.length + after.length} requests); dashboard ≈ ${sum(dashboard)} RU (${dashboard.length} requests).`);
  } finally {
    await Promise.all([app.close(), connector.close()]);
    await proxy.close();
    await embedded.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
