// Starts the real app (embedded Cosmos server, bot, HTTP) in this process on free loopback ports.
//
// Time is an input: unless a test chooses its own clock, the app's clock starts at TEST_START (and then runs at
// real speed), so no test depends on the day it is run. The scheduler is off unless a test turns it on
// (SCHEDULER_INTERVAL_SECONDS) or runs its ticks itself (app.scheduler.tick()).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp, type RunningApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { clockStartingAt, type Clock } from "../../src/domain/clock";
import type { Logger } from "../../src/log";
import { TEST_START } from "./time";

export { TEST_START };

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "loft-test-"));
}

export async function startTestApp(
  opts: { dataDir?: string; env?: Record<string, string>; clock?: Clock; log?: Logger } = {},
): Promise<RunningApp & { dataDir: string }> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", SCHEDULER_INTERVAL_SECONDS: "0", ...opts.env });
  const clock = opts.clock ?? (config.CLOCK_START ? undefined : clockStartingAt(TEST_START));
  const app = await startApp(config, { clock, log: opts.log });
  return Object.assign(app, { dataDir });
}
