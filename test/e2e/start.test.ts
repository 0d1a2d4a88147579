// The README's run command as a user runs it: `npm start` on an empty data folder, then stop and start again.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { tempDataDir } from "../helpers/app";
import { startFakeConnector } from "../helpers/connector";
import { demoMentor, message, post } from "../helpers/teams";

const root = path.resolve(__dirname, "..", "..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function start(port: number, dataDir: string) {
  const child = spawn("npm", ["start"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "info" },
    detached: true, // its own process group, so the stop reaches npm, tsx and node alike
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  // "close": every process holding its output (npm, tsx, node) has ended.
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  return { child, exited, output: () => output };
}

async function healthyWithin(url: string, ms: number): Promise<any> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return res.json();
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`no healthy /healthz within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(p: { child: ChildProcess; exited: Promise<void> }) {
  process.kill(-p.child.pid!, "SIGTERM");
  return p.exited;
}

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
