// Debian's Chromium driven by playwright-core (no browser downloads here), kept to loopback.
import { chromium, type BrowserContext } from "playwright-core";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const haveChromium = () => existsSync(CHROMIUM);

export async function launchChromium(opts: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<BrowserContext> {
  const ctx = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), "loft-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    locale: opts.locale ?? "da-DK",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  // Nothing leaves the machine: only loopback is reachable from the page.
  await ctx.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (r) => r.abort());
  return ctx;
}
