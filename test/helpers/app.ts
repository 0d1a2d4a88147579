// Starts the real app (embedded Cosmos server, bot, HTTP) in this process on free loopback ports.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp, type RunningApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import type { Clock } from "../../src/domain/clock";
import type { Logger } from "../../src/log";

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "loft-test-"));
}

export async function startTestApp(
  opts: { dataDir?: string; env?: Record<string, string>; clock?: Clock; log?: Logger } = {},
): Promise<RunningApp & { dataDir: string }> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...opts.env });
  const app = await startApp(config, { clock: opts.clock, log: opts.log });
  return Object.assign(app, { dataDir });
}
