// The journal on a real disk: it gives back exactly what it confirmed, drops only a torn last record of the newest
// segment, and refuses — naming the file — a folder that does not prove itself, without changing anything in it.
import { appendFileSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDataDir } from "../helpers/app";
import { openJournal, readFolder, segmentName, StoreDamaged, type JournalRecord } from "../../src/store/journal";

const rec = (i: number): JournalRecord => ({ op: "doc", id: `d${i}`, doc: { id: `d${i}`, text: `nummer ${i}` } });

/** Opens the folder and returns what it replays. */
async function replayed(dir: string): Promise<JournalRecord[]> {
  const got: JournalRecord[] = [];
  const j = await openJournal(dir, (r) => got.push(r));
  await j.close();
  return got;
}

/** Three segments after a snapshot: records 1–4 in the snapshot, 5–6, 7–8 and 9–10 in the segments after it. */
async function threeSegments(): Promise<string> {
  const dir = tempDataDir();
  const all: JournalRecord[] = [];
  const j = await openJournal(dir, () => undefined);
  const add = async (from: number, to: number) => {
    for (let i = from; i <= to; i++) {
      all.push(rec(i));
      await j.append([rec(i)]);
    }
  };
  await add(1, 4);
  await j.compact(() => all.slice()); // snapshot: 1–4, covers segment 1
  await add(5, 6);
  // Two compactions given up (as when a write fails meanwhile): each leaves the segment it rotated away from.
  await expect(j.compact(() => all.slice(), async () => false)).rejects.toThrow();
  await add(7, 8);
  await expect(j.compact(() => all.slice(), async () => false)).rejects.toThrow();
  await add(9, 10);
  await j.close();
  expect(readdirSync(dir).sort()).toEqual(["journal-00000002.jsonl", "journal-00000003.jsonl", "journal-00000004.jsonl", "snapshot.jsonl"]);
  return dir;
}

/** Every file of the folder and its bytes: what a refused start-up must leave exactly as it was. */
const contents = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f)).toString("base64")]));

async function refused(dir: string): Promise<StoreDamaged> {
  const before = contents(dir);
  const err = await openJournal(dir, () => undefined).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreDamaged);
  expect(contents(dir)).toEqual(before); // nothing repaired, nothing deleted
  return err as StoreDamaged;
}

test("what was confirmed comes back, in order, across a snapshot and several segments", async () => {
  const dir = await threeSegments();
  const got = await replayed(dir);
  // The snapshot's four, then each segment's records in order.
  expect(got.map((r) => r.id)).toEqual(["d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10"]);
  // And again: opening writes nothing that changes what is read.
  expect((await replayed(dir)).map((r) => r.id)).toEqual(got.map((r) => r.id));
});

test("a torn last record of the newest segment (a write never confirmed) is dropped, and appends go on after it", async () => {
  const dir = await threeSegments();
  const file = path.join(dir, segmentName(4));
  appendFileSync(file, '{"q":11,"h":"0123456789abcdef","r":{"op":"doc","id":"d1'); // a crash mid-append
  const got: JournalRecord[] = [];
  let torn = "";
  const j = await openJournal(dir, (r) => got.push(r), { onTornRecord: (s) => (torn = s) });
  expect(torn).toBe(segmentName(4));
  expect(got.map((r) => r.id).pop()).toBe("d10");
  await j.append([rec(11)]);
  await j.close();
  expect((await replayed(dir)).map((r) => r.id).slice(-2)).toEqual(["d10", "d11"]);
});

test("an older segment cut short is refused, naming it", async () => {
  const dir = await threeSegments();
  const file = path.join(dir, segmentName(2));
  truncateSync(file, readFileSync(file).length - 10);
  const err = await refused(dir);
  expect(err.file).toBe(segmentName(2));
  expect(err.message).toMatch(/line 3 is damaged/);
});

test("an older segment cut at a line's end (whole records missing) is refused: the next segment says where it starts", async () => {
  const dir = await threeSegments();
  const file = path.join(dir, segmentName(3));
  const lines = readFileSync(file, "utf8").split("\n");
  writeFileSync(file, lines.slice(0, 2).join("\n") + "\n"); // the header and record 7; record 8 gone
  const err = await refused(dir);
  expect(err.file).toBe(segmentName(4));
  expect(err.message).toMatch(/records are missing/);
});

test("a middle segment deleted is refused, naming it", async () => {
  const dir = await threeSegments();
  rmSync(path.join(dir, segmentName(3)));
  const err = await refused(dir);
  expect(err.file).toBe(segmentName(3));
  expect(err.message).toMatch(/missing/);
});

test("a changed byte inside a record is refused (its checksum), even where the JSON still parses", async () => {
  const dir = await threeSegments();
  const file = path.join(dir, segmentName(2));
  writeFileSync(file, readFileSync(file, "utf8").replace("nummer 5", "nummer 6"));
  const err = await refused(dir);
  expect(err.message).toMatch(/checksum/);
});

test("a snapshot holding only its header is refused, and the segments it claims to cover are kept", async () => {
  const dir = await threeSegments();
  const snap = path.join(dir, "snapshot.jsonl");
  writeFileSync(snap, readFileSync(snap, "utf8").split("\n")[0] + "\n");
  writeFileSync(path.join(dir, segmentName(1)), "a covered segment left behind\n"); // would be deleted on a trusted start
  const err = await refused(dir);
  expect(err.file).toBe("snapshot.jsonl");
  expect(err.message).toMatch(/holds 0 of the 4 records/);
});

test("a snapshot with its last lines cut is refused", async () => {
  const dir = await threeSegments();
  const snap = path.join(dir, "snapshot.jsonl");
  const text = readFileSync(snap, "utf8");
  writeFileSync(snap, text.slice(0, text.lastIndexOf("{")));
  expect((await refused(dir)).file).toBe("snapshot.jsonl");
});

test("a snapshot missing (the segments after it are there) is refused", async () => {
  const dir = await threeSegments();
  rmSync(path.join(dir, "snapshot.jsonl"));
  const err = await refused(dir);
  expect(err.message).toMatch(/missing/);
});

test("store:check's reading: every problem of a damaged folder is listed, and every record that proves itself is kept", async () => {
  const dir = await threeSegments();
  rmSync(path.join(dir, segmentName(3)));
  const got: JournalRecord[] = [];
  const found = await readFolder(dir, (r) => got.push(r), "salvage");
  expect(found.problems.map((p) => p.file)).toEqual([segmentName(3), segmentName(4)]); // missing; and 4 does not follow 2
  expect(got.map((r) => r.id)).toEqual(["d1", "d2", "d3", "d4", "d5", "d6", "d9", "d10"]);
});
