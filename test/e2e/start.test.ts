// The README's run command as a user runs it: `npm start` on an empty data folder, then stop and start again.
import { spawn } from "node:child_process";
import path from "node:path";
import { tempDataDir } from "../helpers/app";
import { startFakeConnector } from "../helpers/connector";
import { freePort, healthyWithin, root, startProcess, stopProcess } from "../helpers/process";
import { demoMentor, message, post } from "../helpers/teams";
import { TEST_START } from "../helpers/time";
import { DEMO } from "../../src/domain/demo";

const start = (port: number, dataDir: string) => startProcess({ port, dataDir });
const stop = (p: ReturnType<typeof start>) => stopProcess(p);

test("npm start answers /healthz within 20 s with demo data, stops cleanly, and a restart keeps the data", async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = tempDataDir();
  const connector = await startFakeConnector();
  let run = start(port, dataDir);
  try {
    const health = await healthyWithin(url, 20_000);
    expect(health).toMatchObject({ status: "ok", store: { kind: "embedded", ok: true } });
    expect(run.output()).toContain('"event":"demo.seeded"');

    await post(url, message(demoMentor, connector.serviceUrl, "hej"));
    const [reply] = await connector.waitFor(1);
    expect(reply.body.attachments[0].content.actions[0].title).toBe("Forbered samtale");

    // `npm run dev-token` against the same data folder prints a token the tab's API takes (its last line) — minted for
    // the app's clock (CLOCK_START), which is not the machine's.
    const appTime = Date.parse(health.time);
    expect(appTime).toBeGreaterThanOrEqual(TEST_START.getTime());
    expect(appTime).toBeLessThan(TEST_START.getTime() + 3_600_000);
    const printed = await new Promise<string>((resolve) => {
      const child = spawn("npm", ["run", "-s", "dev-token", "--", "--user", DEMO.leader], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout!.on("data", (d) => (out += d));
      child.on("close", () => resolve(out));
    });
    const token = printed.trim().split("\n").pop()!;
    const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: "Demo Leder", roles: ["leader"] });

    await stop(run);
    expect(run.output()).toContain('"event":"app.stopped"'); // flushed the store and closed cleanly

    run = start(port, dataDir);
    await healthyWithin(url, 20_000);
    expect(run.output()).not.toContain('"event":"demo.seeded"'); // the data from the first run is still there
  } finally {
    if (run.child.exitCode === null && run.child.signalCode === null) await stop(run);
    await connector.close();
  }
}, 60_000);

test("an invalid setting stops start-up with one line naming the variable", async () => {
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["src/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "eighty", DATA_DIR: tempDataDir() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(code).toBe(2);
  expect(err.trim()).toBe("Invalid configuration: PORT: Expected number, received nan");
}, 30_000);
