// A durable, append-only journal of state records that proves itself whole, with background compaction.
//
// The embedded store (local mode) keeps its data in memory; this file makes what it confirms survive a crash, and
// makes sure that what it reads back at start-up is exactly what it confirmed — or says what is wrong and refuses.
//
// Files in the data folder:
//   snapshot.jsonl          a header line (fixed width, written last): {"loft":"snapshot","format":3,"upTo":N,
//                           "seq":S,"count":K,"hash":H} — it covers segments ≤ N, i.e. records ≤ S; then K records
//   journal-0000000N.jsonl  a header line {"loft":"segment","format":3,"segment":N,"firstSeq":F}, then records
// A record line is {"q":<seq>,"h":<16 hex of sha256("seq:json")>,"r":<json>}: a segment's records are numbered on
// from the one before it (F = the previous segment's last seq + 1), a snapshot's from 1, and H is the sha256 of all
// of the snapshot's record lines. So start-up can prove the chain end to end: the segments after the snapshot are
// N+1, N+2, … with no gap, each record is whole and numbered on, the snapshot holds exactly K records of hash H.
//
// Every write appends its records to the current segment and is confirmed only after fdatasync (group commit: writes
// arriving during a sync share the next one). A batch that cannot be made durable is cut off again (the segment is
// truncated to what was confirmed), so nothing refused can come back. Compaction rotates to a new segment, writes
// the whole state to `snapshot.jsonl.tmp`, syncs it, reads it back, and only then renames it into place and deletes
// the segments it covers. Nothing is written while nothing changes.
//
// At start-up only one thing may be dropped: a torn last record of the newest segment (a write that was never
// confirmed). Anything else — a cut-short older segment, a missing segment, a damaged or short snapshot — stops
// start-up with StoreDamaged, naming the file and what is wrong (`npm run store:check` tells more and can salvage).
// A record is opaque here: the embedded store decides what it means (see embedded.ts).
import { createHash } from "node:crypto";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";

export type JournalRecord = Record<string, unknown>;

const SNAPSHOT = "snapshot.jsonl";
const SEGMENT = /^journal-(\d{8})\.jsonl$/;
export const segmentName = (n: number) => `journal-${String(n).padStart(8, "0")}.jsonl`;
const FORMAT = 3;
/** The snapshot's header is written last, over a line of this many bytes reserved at the start. */
const HEADER_BYTES = 256;
/** Compact once this much has been appended since the last snapshot, and at least the snapshot's size. */
const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;
/** After a failed compaction, wait this long before the next. */
const COMPACT_RETRY_MS = 60_000;
/** Records written per chunk while compacting; the event loop gets a turn between chunks. */
const CHUNK = 1000;
/** What the disk must take before writes are accepted again after a failure. */
const PROBE_BYTES = 64 * 1024;

/** The journal cannot persist (disk full, I/O error): nothing more is confirmed until it can again. */
export class JournalUnavailable extends Error {
  constructor(public readonly code: string) {
    super(`the store cannot persist its data (${code})`);
  }
}

/** The data folder does not hold what the store confirmed: start-up refuses rather than serve less. */
export class StoreDamaged extends Error {
  constructor(
    public readonly file: string,
    public readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export interface Journal {
  /** Appends records; resolves once they are durable, rejects (JournalUnavailable) if they cannot be. */
  append(records: JournalRecord[]): Promise<void>;
  /**
   * Rewrites the whole state (given by `dump`) as the snapshot and drops the segments it covers. `beforeCommit`
   * runs once the new snapshot is written and read back: false discards it (what it holds may not all be durable).
   */
  compact(dump: () => Iterable<JournalRecord>, beforeCommit?: () => Promise<boolean>): Promise<void>;
  /** After a failure: true once the disk takes writes again (a probe file written and synced) and appends resume. */
  recover(): Promise<boolean>;
  /** Reads the folder again from disk through `apply` (what it holds is exactly what was confirmed). */
  replay(apply: (r: JournalRecord) => void): Promise<void>;
  /** False after a failed append, until recover() succeeds. */
  readonly healthy: boolean;
  readonly lastError: string | undefined;
  /** Enough has been appended since the last snapshot (at least its size) and no compaction is under way. */
  compactionDue(): boolean;
  /** Waits for appends and a compaction under way, then closes the segment. */
  close(): Promise<void>;
}

const errCode = (e: unknown) => String((e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? e);
const recordHash = (seq: number, json: string) => createHash("sha256").update(`${seq}:${json}`).digest("hex").slice(0, 16);
const recordLine = (seq: number, json: string) => `{"q":${seq},"h":"${recordHash(seq, json)}","r":${json}}\n`;
const LINE = /^\{"q":(\d+),"h":"([0-9a-f]{16})","r":(.*)\}$/s;

/** A record line's number and record, or why it is not one. */
function parseLine(line: string): { seq: number; record: JournalRecord } | { bad: string } {
  const m = LINE.exec(line);
  if (!m) return { bad: "not a record" };
  const seq = Number(m[1]);
  if (recordHash(seq, m[3]) !== m[2]) return { bad: "checksum mismatch" };
  try {
    return { seq, record: JSON.parse(m[3]) as JournalRecord };
  } catch {
    return { bad: "not JSON" };
  }
}

async function syncDir(dir: string) {
  const fh = await fs.open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function writeAll(fh: fs.FileHandle, buf: Buffer, position?: number) {
  let off = 0;
  while (off < buf.length) off += (await fh.write(buf, off, buf.length - off, position === undefined ? null : position + off)).bytesWritten;
}

/** A file's lines with their byte offsets; the last one has `complete: false` if the file does not end in "\n". */
async function* linesOf(file: string): AsyncGenerator<{ text: string; start: number; end: number; complete: boolean; n: number }> {
  let rest: Buffer = Buffer.alloc(0);
  let offset = 0;
  let n = 0;
  for await (const chunk of createReadStream(file)) {
    let buf: Buffer = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let at: number;
    while ((at = buf.indexOf(10)) >= 0) {
      yield { text: buf.subarray(0, at).toString("utf8"), start: offset, end: offset + at + 1, complete: true, n: ++n };
      offset += at + 1;
      buf = buf.subarray(at + 1);
    }
    rest = buf;
  }
  if (rest.length) yield { text: rest.toString("utf8"), start: offset, end: offset + rest.length, complete: false, n: ++n };
}

function parseJsonLine(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// ── Reading a data folder ────────────────────────────────────────────────────────────────────────

/** What reading a folder found (strictly: the first problem throws; for salvage: problems are collected). */
export interface FolderState {
  /** The snapshot's covered segment and last record number (0 without a snapshot). */
  upTo: number;
  /** The last record number read. */
  lastSeq: number;
  /** The newest segment: its number, the length of what it confirmed, and whether its header is whole. */
  newest?: { n: number; size: number; header: boolean };
  /** Segments ≤ upTo left by a compaction that stopped before its clean-up. */
  covered: number[];
  /** An older format: read without proofs, to be compacted at once. */
  legacy: boolean;
  records: number;
  problems: StoreDamaged[];
}

/**
 * Reads the data folder through `apply`. Strict: the first problem throws StoreDamaged. Salvage: every record that
 * proves itself is applied, in order, and the problems are listed.
 */
export async function readFolder(dir: string, apply: (r: JournalRecord) => void, mode: "strict" | "salvage" = "strict"): Promise<FolderState> {
  const names = (await fs.readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? [] : Promise.reject(e)))).filter((n) => !n.endsWith(".tmp"));
  const state: FolderState = { upTo: 0, lastSeq: 0, covered: [], legacy: false, records: 0, problems: [] };
  const problem = (file: string, what: string) => {
    const p = new StoreDamaged(file, what);
    if (mode === "strict") throw p;
    state.problems.push(p);
  };
  const segments = names
    .map((n) => SEGMENT.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  const hasSnapshot = names.includes(SNAPSHOT);

  // The snapshot: its header (written last) says how many records and what hash; every line proves itself.
  if (hasSnapshot) {
    let header: Record<string, unknown> | undefined;
    const hash = createHash("sha256");
    let count = 0;
    for await (const line of linesOf(path.join(dir, SNAPSHOT))) {
      if (line.n === 1) {
        header = parseJsonLine(line.text);
        if (header?.loft !== "snapshot") {
          problem(SNAPSHOT, "line 1 is not a Løft snapshot header");
          break;
        }
        if (header.format === 2) {
          state.legacy = true;
          state.upTo = Number(header.upTo);
        } else if (header.format === FORMAT && typeof header.upTo === "number" && typeof header.count === "number" && typeof header.seq === "number") {
          state.upTo = header.upTo;
          state.lastSeq = header.seq;
        } else {
          problem(SNAPSHOT, "its header is incomplete (the snapshot was never finished)");
          break;
        }
        continue;
      }
      if (state.legacy) {
        const r = parseJsonLine(line.text);
        if (r && line.complete) apply(r);
        else problem(SNAPSHOT, `line ${line.n} is damaged`);
        continue;
      }
      // A snapshot's records are numbered by their line (the header is line 1).
      const got = line.complete ? parseLine(line.text) : { bad: "cut short" };
      if ("bad" in got || got.seq !== line.n - 1) {
        problem(SNAPSHOT, `line ${line.n} is damaged (${"bad" in got ? got.bad : "out of order"})`);
        continue;
      }
      hash.update(line.text + "\n");
      count++;
      apply(got.record);
      state.records++;
    }
    if (!header) problem(SNAPSHOT, "is empty");
    else if (!state.legacy && header.format === FORMAT) {
      if (count !== header.count) problem(SNAPSHOT, `holds ${count} of the ${String(header.count)} records its header promises`);
      else if (hash.digest("hex") !== header.hash) problem(SNAPSHOT, "its records do not match the hash in its header");
    }
  }

  // The segments after it: N+1, N+2, … with no gap, records numbered on from the snapshot's.
  state.covered = segments.filter((n) => n <= state.upTo);
  const after = segments.filter((n) => n > state.upTo);
  for (let i = 0; i < after.length; i++) {
    const n = after[i];
    const file = segmentName(n);
    const expectN = i === 0 ? state.upTo + 1 : after[i - 1] + 1;
    if (n !== expectN) {
      const before = i > 0 ? segmentName(after[i - 1]) : hasSnapshot ? SNAPSHOT : "the start";
      problem(n - expectN === 1 ? segmentName(expectN) : `${segmentName(expectN)}…${segmentName(n - 1)}`, `missing (between ${before} and ${file})`);
    }
    const newest = i === after.length - 1;
    let size = 0;
    let header = false;
    let legacySegment = false;
    let afterDamage = false;
    for await (const line of linesOf(path.join(dir, file))) {
      // Only the very last line of the newest segment may be cut short: that write was never confirmed.
      if (!line.complete && newest) break;
      if (line.n === 1) {
        const h = parseJsonLine(line.text);
        if (h?.loft === "segment" && h.format === FORMAT && h.segment === n && line.complete) {
          header = true;
          size = line.end;
          if (h.firstSeq !== state.lastSeq + 1) {
            problem(file, `starts at record ${String(h.firstSeq)}, but the record before it is ${state.lastSeq}: records are missing`);
            state.lastSeq = Number(h.firstSeq) - 1;
          }
          continue;
        }
        if (h && h.loft === undefined && line.complete && (state.legacy || !hasSnapshot)) {
          legacySegment = true; // format 2: plain records, no header
          state.legacy = true;
        } else {
          problem(file, "line 1 is not a segment header");
          break;
        }
      }
      if (legacySegment) {
        const r = line.complete ? parseJsonLine(line.text) : undefined;
        if (r) {
          apply(r);
          size = line.end;
        } else problem(file, `line ${line.n} is damaged`);
        continue;
      }
      const got = line.complete ? parseLine(line.text) : ({ bad: "cut short" } as const);
      if ("bad" in got) {
        problem(file, `line ${line.n} is damaged (${got.bad})`);
        afterDamage = true;
        continue;
      }
      // (Salvaging: after a damaged line, the next good one may skip the number that line had.)
      if (got.seq !== state.lastSeq + 1 && !(afterDamage && got.seq > state.lastSeq)) {
        problem(file, `line ${line.n} holds record ${got.seq} where ${state.lastSeq + 1} was due`);
      }
      afterDamage = false;
      state.lastSeq = got.seq;
      size = line.end;
      apply(got.record);
      state.records++;
    }
    if (newest) state.newest = { n, size, header: header || legacySegment };
  }
  return state;
}

/**
 * Opens the journal in `dir`: proves and replays the snapshot and the segments after it through `apply`, removes
 * what a crash left half done (a torn last record, a compaction's leftovers), and appends to the newest segment.
 */
export async function openJournal(
  dir: string,
  apply: (r: JournalRecord) => void,
  opts: { onTornRecord?: (segment: string) => void } = {},
): Promise<Journal & { legacy: boolean }> {
  await fs.mkdir(dir, { recursive: true });
  for (const n of await fs.readdir(dir)) if (n.endsWith(".tmp")) await fs.rm(path.join(dir, n), { force: true });
  const found = await readFolder(dir, apply);
  // Proven: the snapshot covers these (a compaction stopped before its clean-up).
  for (const n of found.covered) await fs.rm(path.join(dir, segmentName(n)), { force: true });

  let n = found.newest?.n ?? found.upTo + 1;
  let seq = found.lastSeq;
  let fh: fs.FileHandle | undefined;
  /** Bytes of the current segment that hold confirmed records (a failed batch is cut back to this). */
  let size = 0;
  if (found.newest?.header && !found.legacy) {
    fh = await fs.open(path.join(dir, segmentName(n)), "r+");
    size = found.newest.size;
    if ((await fh.stat()).size !== size) {
      await fh.truncate(size); // the torn last record: never confirmed
      await fh.datasync();
      opts.onTornRecord?.(segmentName(n));
    }
  } else {
    // A newest segment whose header never became durable holds nothing confirmed: it is started again. After
    // segments of the older format, a new one starts (the embedded store compacts them into a snapshot at once).
    if (found.newest?.header) n += 1;
    ({ fh, size } = await newSegment(n, seq));
  }

  async function newSegment(num: number, lastSeq: number) {
    const file = path.join(dir, segmentName(num));
    const handle = await fs.open(file, "w");
    try {
      const header = Buffer.from(JSON.stringify({ loft: "segment", format: FORMAT, segment: num, firstSeq: lastSeq + 1 }) + "\n");
      await writeAll(handle, header);
      await handle.datasync();
      await syncDir(dir);
      return { fh: handle, size: header.length };
    } catch (e) {
      await handle.close().catch(() => undefined);
      throw e;
    }
  }

  let appended = 0;
  let healthy = true;
  let lastError: string | undefined;
  /** The current segment may end in bytes of a refused batch (cutting them off failed): no appends until it is cut. */
  let cutPending = false;
  let compactFailedAt = 0;
  let snapshotBytes = (await fs.stat(path.join(dir, SNAPSHOT)).catch(() => undefined))?.size ?? 0;

  // Appends are queued and written by one flusher; a compaction's rotation runs between two flushes.
  let queue: Array<{ jsons: string[]; resolve: () => void; reject: (e: Error) => void }> = [];
  let flushing: Promise<void> | undefined;
  let compacting: Promise<void> | undefined;
  let rotating: Promise<void> | undefined;
  let inFlight: Promise<void> | undefined;

  /** A failed batch: cut the segment back to what was confirmed, so nothing refused is ever read back. */
  async function cutBack() {
    try {
      if (!fh) throw new Error("no segment");
      await fh.truncate(size);
      await fh.datasync();
      cutPending = false;
    } catch {
      cutPending = true;
    }
  }

  async function writeBatch(batch: typeof queue): Promise<void> {
    const before = seq;
    try {
      if (!fh || !healthy) throw new JournalUnavailable(lastError ?? "closed");
      let text = "";
      for (const b of batch) for (const json of b.jsons) text += recordLine(++seq, json);
      const buf = Buffer.from(text);
      await writeAll(fh, buf, size);
      await fh.datasync();
      size += buf.length;
      appended += buf.length;
      for (const b of batch) b.resolve();
    } catch (e) {
      seq = before;
      const err = e instanceof JournalUnavailable ? e : new JournalUnavailable(errCode(e));
      if (!(e instanceof JournalUnavailable)) {
        healthy = false;
        lastError = err.code;
        await cutBack();
      }
      for (const b of [...batch, ...queue]) b.reject(err);
      queue = [];
    }
  }

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      if (rotating) {
        await rotating;
        continue;
      }
      const batch = queue;
      queue = [];
      inFlight = writeBatch(batch);
      await inFlight;
      inFlight = undefined;
    }
  }

  /** Starts a new segment between two batches; returns the number of the last segment before it and its last record. */
  async function rotate(): Promise<{ covered: number; lastSeq: number }> {
    let release!: () => void;
    rotating = new Promise<void>((r) => (release = r));
    try {
      await inFlight;
      if (!healthy) throw new JournalUnavailable(lastError ?? "unavailable");
      const covered = { covered: n, lastSeq: seq };
      const next = await newSegment(n + 1, seq);
      const old = fh;
      fh = next.fh;
      size = next.size;
      n += 1;
      appended = 0;
      await old?.close().catch(() => undefined);
      return covered;
    } finally {
      rotating = undefined;
      release();
    }
  }

  async function writeSnapshot(covered: { covered: number; lastSeq: number }, dump: () => Iterable<JournalRecord>, beforeCommit?: () => Promise<boolean>) {
    const tmp = path.join(dir, `${SNAPSHOT}.tmp`);
    const out = await fs.open(tmp, "w");
    let bytes = HEADER_BYTES;
    try {
      await writeAll(out, Buffer.from(" ".repeat(HEADER_BYTES - 1) + "\n"));
      const hash = createHash("sha256");
      let count = 0;
      let chunk = "";
      let inChunk = 0;
      const put = async () => {
        const buf = Buffer.from(chunk);
        chunk = "";
        inChunk = 0;
        await writeAll(out, buf);
        bytes += buf.length;
        await new Promise((r) => setImmediate(r)); // let turns run between chunks
      };
      for (const r of dump()) {
        const line = recordLine(++count, JSON.stringify(r));
        hash.update(line);
        chunk += line;
        if (++inChunk >= CHUNK) await put();
      }
      await put();
      const header = JSON.stringify({ loft: "snapshot", format: FORMAT, upTo: covered.covered, seq: covered.lastSeq, count, hash: hash.digest("hex") });
      if (header.length >= HEADER_BYTES) throw new Error("snapshot header too long");
      await writeAll(out, Buffer.from(header.padEnd(HEADER_BYTES - 1, " ") + "\n"), 0);
      await out.datasync();
      await out.close();
      // Read back before it replaces anything: a snapshot that does not prove itself never covers a segment.
      const check = await readFolderFile(tmp);
      if (check !== count) throw new Error(`the new snapshot read back ${check} of ${count} records`);
      if (beforeCommit && !(await beforeCommit())) throw new CompactionAborted();
    } catch (e) {
      await out.close().catch(() => undefined);
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await fs.rename(tmp, path.join(dir, SNAPSHOT));
    await syncDir(dir);
    snapshotBytes = bytes;
    for (const name of await fs.readdir(dir)) {
      const m = SEGMENT.exec(name);
      if (m && Number(m[1]) <= covered.covered) await fs.rm(path.join(dir, name), { force: true });
    }
  }

  const journal: Journal & { legacy: boolean } = {
    legacy: found.legacy,
    append(records) {
      if (!healthy) return Promise.reject(new JournalUnavailable(lastError ?? "unavailable"));
      return new Promise<void>((resolve, reject) => {
        queue.push({ jsons: records.map((r) => JSON.stringify(r)), resolve, reject });
        if (!flushing) flushing = flush().finally(() => (flushing = undefined));
      });
    },
    compact(dump, beforeCommit) {
      if (compacting) return compacting;
      compacting = (async () => {
        try {
          const covered = await rotate();
          await writeSnapshot(covered, dump, beforeCommit);
          compactFailedAt = 0;
        } catch (e) {
          compactFailedAt = Date.now();
          throw e;
        }
      })().finally(() => (compacting = undefined));
      return compacting;
    },
    async recover() {
      if (healthy) return true;
      if (!fh) return false;
      try {
        if (cutPending) await cutBack();
        if (cutPending) return false;
        const probe = path.join(dir, "probe.tmp");
        const p = await fs.open(probe, "w");
        try {
          await writeAll(p, Buffer.alloc(PROBE_BYTES, 32));
          await p.datasync();
        } finally {
          await p.close().catch(() => undefined);
          await fs.rm(probe, { force: true });
        }
        healthy = true;
        lastError = undefined;
        return true;
      } catch (e) {
        lastError = errCode(e);
        return false;
      }
    },
    async replay(apply2) {
      await compacting?.catch(() => undefined);
      while (flushing) await flushing;
      if (cutPending) throw new JournalUnavailable(lastError ?? "unavailable");
      await readFolder(dir, apply2);
    },
    get healthy() {
      return healthy;
    },
    get lastError() {
      return lastError;
    },
    compactionDue: () =>
      !compacting && healthy && Date.now() - compactFailedAt > COMPACT_RETRY_MS && appended >= Math.max(COMPACT_AFTER_BYTES, snapshotBytes),
    async close() {
      await compacting?.catch(() => undefined);
      while (flushing) await flushing;
      await fh?.close().catch(() => undefined);
      fh = undefined;
      healthy = false;
      lastError = "closed";
    },
  };
  return journal;
}

/** A compaction given up because what it dumped may hold a write that was refused. */
export class CompactionAborted extends Error {
  constructor() {
    super("compaction aborted: a write failed while the snapshot was made");
  }
}

/** Proves one snapshot file on its own; returns its record count, or throws StoreDamaged. */
async function readFolderFile(file: string): Promise<number> {
  let header: Record<string, unknown> | undefined;
  const hash = createHash("sha256");
  let count = 0;
  for await (const line of linesOf(file)) {
    if (line.n === 1) {
      header = parseJsonLine(line.text);
      continue;
    }
    const got = line.complete ? parseLine(line.text) : { bad: "cut short" };
    if ("bad" in got || got.seq !== count + 1) throw new StoreDamaged(path.basename(file), `line ${line.n} is damaged`);
    hash.update(line.text + "\n");
    count++;
  }
  if (!header || header.count !== count || header.hash !== hash.digest("hex")) throw new StoreDamaged(path.basename(file), "does not match its header");
  return count;
}
