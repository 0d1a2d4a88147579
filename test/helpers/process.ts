// Løft as a separate process, as an operator runs it: started in its own process group, stopped with SIGTERM or
// killed with SIGKILL, and observed from outside (/healthz, its output, /proc).
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { TEST_START } from "./time";

export const root = path.resolve(__dirname, "..", "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface AppProcess {
  child: ChildProcess;
  url: string;
  /** Resolves when every process holding its output (npm, tsx, node) has ended. */
  exited: Promise<void>;
  output(): string;
}

/**
 * `npm start` (the README's command), or the app's entry point directly (faster, same code) with `direct`. As in
 * every test, the app's clock starts at a chosen instant (CLOCK_START, by default TEST_START) and the scheduler is off
 * unless the test turns it on.
 */
export function startProcess(opts: { port: number; dataDir: string; env?: Record<string, string>; direct?: boolean }): AppProcess {
  const [cmd, args] = opts.direct ? [path.join(root, "node_modules", ".bin", "tsx"), ["src/main.ts"]] : ["npm", ["start"]];
  const child = spawn(cmd, args, {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(opts.port),
      DATA_DIR: opts.dataDir,
      LOG_LEVEL: "info",
      CLOCK_START: TEST_START.toISOString(),
      SCHEDULER_INTERVAL_SECONDS: "0",
      ...opts.env,
    },
    detached: true, // its own process group, so a stop or a kill reaches npm, tsx and node alike
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  return { child, url: `http://127.0.0.1:${opts.port}`, exited, output: () => output };
}

export async function healthyWithin(url: string, ms: number): Promise<any> {
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

export async function stopProcess(p: AppProcess, signal: "SIGTERM" | "SIGKILL" = "SIGTERM") {
  if (p.child.exitCode === null && p.child.signalCode === null) {
    try {
      process.kill(-p.child.pid!, signal);
    } catch {
      /* already gone */
    }
  }
  return p.exited;
}

/** The processes of a process group (npm, tsx, node): what /proc says about each. */
export function groupStats(pgid: number): { pid: number; cpuTicks: number; writeBytes: number }[] {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the command (which may hold spaces) start after the last ")".
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) !== pgid) continue;
      const io = readFileSync(`/proc/${name}/io`, "utf8");
      out.push({ pid: Number(name), cpuTicks: Number(f[11]) + Number(f[12]), writeBytes: Number(/write_bytes: (\d+)/.exec(io)![1]) });
    } catch {
      /* the process ended meanwhile */
    }
  }
  return out;
}
