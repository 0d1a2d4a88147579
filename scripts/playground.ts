// Microsoft's local Teams client (the Agents Playground) wired to Løft, as the demo's people: `npm run playground`.
// The playground always chats as the config's `currentUser`, read from the folder it starts in; this writes a config
// per person (the repository's .m365agentsplayground.yml with that person as the current user and everyone else in
// the roster) under .data/playground/<who>/ and starts the playground there, each person on a port of their own, so
// the coordinator and a mentor can be open side by side. Stop it with Ctrl+C.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO } from "../src/domain/demo";
import { startLocaleProxy } from "./locale-proxy";

const PEOPLE = {
  mentor: { aad: DEMO.mentor, port: 56150 },
  koordinator: { aad: DEMO.coordinator, port: 56151 },
  paaroerendecoach: { aad: DEMO.relativeCoach, port: 56152 },
  leder: { aad: DEMO.leader, port: 56153 },
  mentor2: { aad: DEMO.mentor2, port: 56154 },
} as const;
type Who = keyof typeof PEOPLE;

/** The config with `aad` as the current user: the YAML is ours and flat, so its person blocks are swapped as text. */
export function configFor(base: string, aad: string): string {
  const lines = base.split("\n");
  const topKey = (l: string) => /^[A-Za-z]/.test(l);
  const blockAt = (key: string) => {
    const start = lines.findIndex((l) => l.startsWith(`${key}:`));
    let end = start + 1;
    while (end < lines.length && !topKey(lines[end])) end++;
    return { start, end };
  };
  const current = blockAt("currentUser");
  const users = blockAt("users");
  // People as field lists (indent-free): the current user, then each `- ` item of users.
  const person = (ls: string[]) => ls.map((l) => l.trim().replace(/^- /, "")).filter(Boolean);
  const people = [person(lines.slice(current.start + 1, current.end))];
  let item: string[] = [];
  for (const l of lines.slice(users.start + 1, users.end)) {
    if (l.trim().startsWith("- ") && item.length) (people.push(person(item)), (item = []));
    item.push(l);
  }
  if (item.length) people.push(person(item));
  const chosen = people.find((p) => p.some((f) => f === `aadObjectId: ${aad}`));
  if (!chosen) throw new Error(`no one with aadObjectId ${aad} in the config`);
  const others = people.filter((p) => p !== chosen);
  const slug = (chosen.find((f) => f.startsWith("id: 29:")) ?? "id: 29:user").slice("id: 29:".length);
  const out = [
    ...lines.slice(0, current.start),
    "currentUser:",
    ...chosen.map((f) => `  ${f}`),
    "users:",
    ...others.flatMap((p) => p.map((f, i) => `${i === 0 ? "  - " : "    "}${f}`)),
    ...lines.slice(users.end),
  ].join("\n");
  return out.replace(/^personalChat:\n  id: .*$/m, `personalChat:\n  id: a:personal-${slug}`);
}

/** Whether something answers at `url` (the app's /healthz). */
async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/**
 * `npm run playground` — the app (started here unless one runs on :3978), the locale proxy (Danish cards) and
 * Microsoft's local Teams client for each of the demo's people on a port of their own: switch user by switching the
 * browser tab. `npm run playground -- koordinator` starts only that person's client. Ctrl+C stops what it started.
 */
async function main() {
  const asked = process.argv[2];
  if (asked && !(asked in PEOPLE)) {
    console.error(`usage: npm run playground [-- <${Object.keys(PEOPLE).join("|")}>]`);
    process.exit(2);
  }
  const people = asked ? [asked as Who] : (Object.keys(PEOPLE) as Who[]);
  const root = path.resolve(__dirname, "..");
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const c of children) c.kill("SIGTERM");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  if (!(await answers("http://127.0.0.1:3978/healthz"))) {
    console.log("Starting Løft on http://127.0.0.1:3978 (embedded store, demo data) …");
    const app = spawn("npm", ["start"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, PORT: "3978" } });
    children.push(app);
    app.on("exit", (code) => {
      console.error(`Løft stopped (${code}).`);
      stop();
    });
    for (let i = 0; !(await answers("http://127.0.0.1:3978/healthz")); i++) {
      if (i > 240) throw new Error("Løft did not start within two minutes");
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  // The playground always says en-US: the proxy makes the cards Danish (Teams' own clients send the user's locale).
  const proxy = await startLocaleProxy(3979, "http://127.0.0.1:3978", "da-DK").catch(() => undefined);
  if (!proxy) console.log("(A locale proxy already runs on :3979.)");
  const endpoint = "http://127.0.0.1:3979/api/messages";

  const base = readFileSync(path.join(root, ".m365agentsplayground.yml"), "utf8");
  for (const who of people) {
    const dir = path.join(root, ".data", "playground", who);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, ".m365agentsplayground.yml"), configFor(base, PEOPLE[who].aad));
    const child = spawn(path.join(root, "node_modules", ".bin", "agentsplayground"), ["-e", endpoint, "-c", "msteams", "-p", String(PEOPLE[who].port), "--disable-telemetry"], {
      cwd: dir,
      stdio: "ignore",
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", APPLICATION_INSIGHTS_NO_STATSBEAT: "true" },
    });
    children.push(child);
  }
  console.log("\nMicrosoft's local Teams client, in Danish — one window per person (switch user = switch tab):");
  for (const who of people) console.log(`  ${who.padEnd(17)} http://127.0.0.1:${PEOPLE[who].port}`);
  console.log("\nWrite «hej» to Løft. The tab: http://127.0.0.1:3978/tab/ (sign in as any of them). Ctrl+C stops it all.\n");
}

if (require.main === module) void main().catch((e: Error) => (console.error(e.message), process.exit(1)));
