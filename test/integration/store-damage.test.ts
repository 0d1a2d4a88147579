// A damaged data folder, as found by damaging one between runs: the app refuses to start, says which file and what
// is wrong in one line, changes nothing — and never seeds the demo corps over a store it cannot read.
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startTestApp, tempDataDir } from "../helpers/app";
import { freePort, root, startProcess } from "../helpers/process";
import { DEMO } from "../../src/domain/demo";
import { StoreDamaged } from "../../src/store/journal";

const contents = (dir: string) =>
  Object.fromEntries(readdirSync(dir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => [f.name, readFileSync(path.join(dir, f.name)).toString("base64")]).sort());

/** A folder with the demo corps, compacted into a snapshot, and a write after it: made once, copied for each test. */
let original: string;
beforeAll(async () => {
  original = tempDataDir();
  const app = await startTestApp({ dataDir: original });
  await app.store.compact();
  await app.store.repos.members.upsert({ ...(await app.store.repos.members.get(DEMO.corpsId, DEMO.mentor))!, name: "Demo Mentor (efter snapshot)" });
  await app.close();
}, 60_000);

async function demoFolder(): Promise<string> {
  const dataDir = tempDataDir();
  cpSync(original, dataDir, { recursive: true });
  return dataDir;
}

test("a snapshot that holds only its header: start-up refuses, naming it; nothing is deleted and no demo is seeded over it", async () => {
  const dataDir = await demoFolder();
  const snap = path.join(dataDir, "snapshot.jsonl");
  writeFileSync(snap, readFileSync(snap, "utf8").split("\n")[0] + "\n");
  const before = contents(dataDir);
  const err = await startTestApp({ dataDir }).then(
    (app) => app.close().then(() => undefined),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreDamaged);
  expect((err as StoreDamaged).file).toBe("snapshot.jsonl");
  expect(contents(dataDir)).toEqual(before);
});

test("a snapshot with its last lines cut: start-up refuses (members would lose their access)", async () => {
  const dataDir = await demoFolder();
  const snap = path.join(dataDir, "snapshot.jsonl");
  const lines = readFileSync(snap, "utf8").split("\n");
  writeFileSync(snap, lines.slice(0, lines.length - 6).join("\n") + "\n");
  await expect(startTestApp({ dataDir })).rejects.toThrow(/snapshot\.jsonl: holds \d+ of the \d+ records/);
});

test("the demo is seeded only into a folder that never held data", async () => {
  const dataDir = tempDataDir();
  const first = await startTestApp({ dataDir, env: { SEED_DEMO: "false" } });
  await first.store.repos.directory.upsert({ id: "user:t:someone", memberships: [] }); // a store with one document
  await first.close();
  const second = await startTestApp({ dataDir });
  try {
    expect(second.store.fresh).toBe(false);
    expect(await second.store.repos.corps.get(DEMO.corpsId)).toBeUndefined();
  } finally {
    await second.close();
  }
});

test("as a process: one line naming the file and the way to recover, exit code 3", async () => {
  const dataDir = await demoFolder();
  const snap = path.join(dataDir, "snapshot.jsonl");
  writeFileSync(snap, readFileSync(snap, "utf8").split("\n")[0] + "\n");
  const proc = startProcess({ port: await freePort(), dataDir, direct: true });
  await proc.exited;
  expect(proc.child.exitCode).toBe(3);
  const errLines = proc.output().split("\n").filter((l) => l.startsWith("Løft will not start"));
  expect(errLines).toHaveLength(1);
  expect(errLines[0]).toMatch(/snapshot\.jsonl: holds 0 of the \d+ records its header promises\. Nothing was changed\. `npm run store:check`/);
}, 60_000);

test("npm run store:check lists what is wrong and changes nothing; --salvage keeps every record that proves itself, and the app starts", async () => {
  const dataDir = await demoFolder();
  const snap = path.join(dataDir, "snapshot.jsonl");
  const lines = readFileSync(snap, "utf8").split("\n");
  const damaged = lines.findIndex((l) => l.includes('"type":"case"'));
  lines[damaged] = lines[damaged].replace('"status":"', '"status":"x'); // one case's record, one byte more
  writeFileSync(snap, lines.join("\n"));
  const run = (...args: string[]) => {
    const r = spawnSync("npm", ["run", "-s", "store:check", "--", ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, encoding: "utf8" });
    return { code: r.status, out: r.stdout };
  };

  const before = contents(dataDir);
  const checked = run();
  expect(checked.code).toBe(1);
  expect(checked.out).toContain(`snapshot.jsonl: line ${damaged + 1} is damaged (checksum mismatch)`);
  expect(contents(dataDir)).toEqual(before);

  const salvaged = run("--salvage");
  expect(salvaged.code).toBe(0);
  expect(salvaged.out).toMatch(/Salvaged: the store now holds those \d+ documents; the damaged files are in .*damaged-/);
  expect(run().out).toMatch(/whole — \d+ records proved/);
  const app = await startTestApp({ dataDir });
  try {
    expect(await app.store.repos.corps.get(DEMO.corpsId)).toBeDefined();
    expect((await app.store.repos.members.get(DEMO.corpsId, DEMO.mentor))?.name).toBe("Demo Mentor (efter snapshot)");
  } finally {
    await app.close();
  }
}, 90_000);
