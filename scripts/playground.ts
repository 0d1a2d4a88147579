// Microsoft's local Teams client (the Agents Playground) as any of the demo's people: `npm run playground -- koordinator`.
// The playground always chats as the config's `currentUser`, read from the folder it starts in; this writes a config
// per person (the repository's .m365agentsplayground.yml with that person as the current user and everyone else in
// the roster) under .data/playground/<who>/ and starts the playground there, each person on a port of their own, so
// the coordinator and a mentor can be open side by side. Stop it with Ctrl+C.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO } from "../src/domain/demo";

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

function main() {
  const who = (process.argv[2] ?? "mentor") as Who;
  if (!(who in PEOPLE)) {
    console.error(`usage: npm run playground -- <${Object.keys(PEOPLE).join("|")}> [bot endpoint, default http://127.0.0.1:3979/api/messages]`);
    process.exit(2);
  }
  const endpoint = process.argv[3] ?? "http://127.0.0.1:3979/api/messages";
  const root = path.resolve(__dirname, "..");
  const dir = path.join(root, ".data", "playground", who);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, ".m365agentsplayground.yml"), configFor(readFileSync(path.join(root, ".m365agentsplayground.yml"), "utf8"), PEOPLE[who].aad));
  const { port } = PEOPLE[who];
  console.log(`Løft in Microsoft's local Teams client as ${who}: http://127.0.0.1:${port}`);
  const child = spawn(path.join(root, "node_modules", ".bin", "agentsplayground"), ["-e", endpoint, "-c", "msteams", "-p", String(port), "--disable-telemetry"], {
    cwd: dir,
    stdio: "inherit",
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", APPLICATION_INSIGHTS_NO_STATSBEAT: "true" },
  });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

if (require.main === module) main();
