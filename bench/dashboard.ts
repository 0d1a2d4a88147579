// Benchmark of the leaders' dashboard API (npm run bench:dashboard): GET /api/dashboard as the demo leader — each
// request a period and kind filter in turn, every answer built from the corps' whole table of three years (issue 20) —
// with the demo corps' own entries grown to 1,000, 10,000 and 100,000: the answer must not slow down as history grows
// (it reads the corps' cases, never the entries). Real parts: the embedded Cosmos server, HTTP, the token check.
//   npm run bench:dashboard               → 1k, 10k, 100k entries
//   npm run bench:dashboard -- --quick    → 1k, 5k
import os from "node:os";
import { performance } from "node:perf_hooks";
import { startTestApp } from "../test/helpers/app";
import { devToken } from "../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../src/config";
import { DEMO } from "../src/domain/demo";
import type { Entry } from "../src/domain/model";

const quick = process.argv.includes("--quick");
const SIZES = quick ? [1_000, 5_000] : [1_000, 10_000, 100_000];
const REQUESTS = quick ? 50 : 300;
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function main() {
  const app = await startTestApp({ env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  // Minted for the app's clock (the test app starts at TEST_START, not the machine's day).
  const token = await devToken(app.dataDir, { aadObjectId: DEMO.leader, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: app.clock() });
  const auth = { authorization: `Bearer ${token}` };
  const periods: string[] = (await (await fetch(`${app.url}/api/dashboard`, { headers: auth })).json()).periods;
  const questions = periods.flatMap((p) => ["", "&kind=mentor", "&kind=relativeCoach"].map((k) => `?period=${p}${k}`));
  const caseIds = (await app.store.repos.cases.list(DEMO.corpsId)).map((c) => c.id);
  const existing = (await Promise.all(caseIds.map((id) => app.store.repos.entries.listForCase(DEMO.corpsId, id)))).flat().length;
  let count = existing;
  const rows: string[] = [];
  const at = new Date("2024-01-01T09:00:00Z").getTime();
  for (const size of SIZES) {
    // Grow the demo corps' own entries (the same partition the dashboard's corps lives in) to `size`.
    let next = count;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < size) {
          const i = next++;
          await app.store.repos.entries.create({
            type: "reflection",
            id: `reflection-dash-${i}`,
            corpsId: DEMO.corpsId,
            caseId: caseIds[i % caseIds.length],
            authorId: DEMO.mentor,
            createdAt: new Date(at + i * 60_000).toISOString(),
            answers: ["Vi talte om skolen og om næste uge.", "", "", "", "", "", "", ""],
            goalScores: [],
            match: "ja",
            wantsSparring: false,
          } as Entry);
        }
      }),
    );
    count = Math.max(count, size);
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const res = await fetch(`${app.url}/api/dashboard${questions[i % questions.length]}`, { headers: auth });
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
      await res.json();
      times.push(performance.now() - t);
    }
    rows.push(`| ${size.toLocaleString("en")} | ${REQUESTS} | ${q(times, 0.5).toFixed(1)} | ${q(times, 0.99).toFixed(1)} |`);
    console.log(rows.at(-1));
  }
  const cpus = os.cpus();
  console.log(`\nMachine: ${cpus.length} × ${cpus[0]?.model.trim()}, Node ${process.version}. Demo corps: ${caseIds.length} cases.\n`);
  console.log("| entries in the corps | requests | p50 ms | p99 ms |\n|---|---|---|---|\n" + rows.join("\n"));
  await app.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
