// A mentor prepares a conversation in Microsoft's local Teams client (Agents Playground), in headless Chromium:
// the cards as Teams' renderer shows them, pressed and filled in as a person does.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { Server } from "node:http";
import type { BrowserContext, Page } from "playwright-core";
import { startTestApp } from "../helpers/app";
import { haveChromium, launchChromium } from "../helpers/browser";
import { startLocaleProxy } from "../../scripts/locale-proxy";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";

const root = path.resolve(__dirname, "..", "..");
// CI installs Chromium and sets LOFT_REQUIRE_BROWSER, so there a missing browser fails instead of skipping.
const run = haveChromium() || process.env.LOFT_REQUIRE_BROWSER ? test : test.skip;
if (!haveChromium()) console.warn("No Chromium at /usr/bin/chromium: the Teams client test is skipped (apt-get install chromium).");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function until(ok: () => Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!(await ok().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let app: RunningApp;
let proxy: Server;
let playground: ChildProcess;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!haveChromium() && !process.env.LOFT_REQUIRE_BROWSER) return;
  app = await startTestApp();
  const proxyPort = await freePort();
  proxy = await startLocaleProxy(proxyPort, app.url, "da-DK"); // the playground always says en-US
  const pgPort = await freePort();
  playground = spawn(
    path.join(root, "node_modules", ".bin", "agentsplayground"),
    ["-e", `http://127.0.0.1:${proxyPort}/api/messages`, "-c", "msteams", "-p", String(pgPort), "--disable-telemetry"],
    { cwd: root, env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", APPLICATION_INSIGHTS_NO_STATSBEAT: "true" }, stdio: "ignore", detached: true },
  );
  await until(async () => (await fetch(`http://127.0.0.1:${pgPort}/`)).ok, 20_000, "the playground");
  browser = await launchChromium();
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`http://127.0.0.1:${pgPort}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (playground?.pid) process.kill(-playground.pid, "SIGTERM");
  await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
  await app?.close();
});

const newestCard = () => page.locator(".ac-adaptiveCard").last();

run("menu → Forbered samtale → a case → a refused phone number → Gem: prepared, as in Teams", async () => {
  // Installing the app in the playground already brought a menu; wait for it, then ask for a new one.
  await newestCard().getByRole("button", { name: "Forbered samtale" }).waitFor();
  const cards = await page.locator(".ac-adaptiveCard").count();
  await page.getByRole("textbox").last().fill("hej");
  await page.getByRole("button", { name: "Send Message" }).click();
  await until(async () => (await page.locator(".ac-adaptiveCard").count()) > cards, 15_000, "the menu after hej");
  await newestCard().getByRole("button", { name: "Forbered samtale" }).waitFor();

  await newestCard().getByRole("button", { name: "Forbered samtale" }).click();
  await newestCard().getByText("Vælg forløb:").waitFor();
  await newestCard().getByRole("button", { name: "Vælg" }).first().click();
  const card = newestCard();
  await card.getByText("Sidst skrev du").waitFor();

  await card.getByLabel("1. Hvad skal lykkes i dag?", { exact: false }).fill("Ring til ham på 22 33 44 55");
  await card.getByLabel("3. Hvad skal jeg være særlig opmærksom på", { exact: false }).fill("Spørge til weekenden");
  await card.getByLabel("Klokkeslæt", { exact: false }).fill("14:00");
  await card.getByRole("button", { name: "Gem forberedelse" }).click();
  await newestCard().getByText("indeholder et telefonnummer").waitFor();
  // the card came back with the answers in it
  await expect(newestCard().getByLabel("3. Hvad skal jeg være særlig opmærksom på", { exact: false }).inputValue()).resolves.toBe("Spørge til weekenden");

  await newestCard().getByLabel("1. Hvad skal lykkes i dag?", { exact: false }).fill("En plan for praktikken");
  await newestCard().getByRole("button", { name: "Gem forberedelse" }).click();
  await newestCard().getByText("Forberedelse gemt").waitFor();

  const mine = await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor);
  const entries = (await Promise.all(mine.map((c) => app.store.repos.entries.listForCase(DEMO.corpsId, c.id)))).flat();
  const saved = entries.filter((e) => e.type === "preparation" && e.answers[0] === "En plan for praktikken");
  expect(saved).toHaveLength(1);
  expect(JSON.stringify(entries)).not.toContain("22 33 44 55");
}, 90_000);
