// A durable, append-only journal of state records, with background compaction into a snapshot.
//
// The embedded store (local mode) keeps its data in memory; this file makes what it confirms survive a
// crash. Every write appends the written document's new state as one JSON line to the current segment and
// is confirmed only after fdatasync (group commit: writes arriving during a sync share the next one).
// Compaction rotates to a new segment, writes the whole state to `snapshot.jsonl.tmp`, syncs and renames
// it, then deletes the segments the snapshot covers. Start-up replays the snapshot, then the newer
// segments in order. Nothing is written while nothing changes.
//
// Files in the data folder:
//   snapshot.jsonl          first line {"loft":"snapshot","format":2,"upTo":N}, then records
//   journal-0000000N.jsonl  records appended after the snapshot; only a segment's last line can be torn (a
//                           crash mid-append; that write was never confirmed) and is ignored
// A record is opaque here: the embedded store decides what it means (see embedded.ts).
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import readline from "node:readline";

export type JournalRecord = Record<string, unknown>;

const SNAPSHOT = "snapshot.jsonl";
const SEGMENT = /^journal-(\d{8})\.jsonl$/;
const segmentName = (seq: number) => `journal-${String(seq).padStart(8, "0")}.jsonl`;
/** Compact once this much has been appended since the last snapshot, and at least the snapshot's size. */
const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;
/** Records written per chunk while compacting; the event loop gets a turn between chunks. */
const CHUNK = 1000;

/** The journal cannot persist (disk full, I/O error): nothing more is confirmed until it can again. */
export class JournalUnavailable extends Error {
  constructor(public readonly code: string) {
    super(`the store cannot persist its data (${code})`);
  }
}

export interface Journal {
  /** Appends records; resolves once they are durable, rejects (JournalUnavailable) if they cannot be. */
  append(records: JournalRecord[]): Promise<void>;
  /** Rewrites the whole state (given by `dump`) as the snapshot and drops the segments it covers. */
  compact(dump: () => Iterable<JournalRecord>): Promise<void>;
  /** False after a failed append or compaction, until a compaction succeeds. */
  readonly healthy: boolean;
  readonly lastError: string | undefined;
  /** Enough has been appended since the last snapshot (at least its size) and no compaction is under way. */
  compactionDue(): boolean;
  /** Waits for appends and a compaction under way, then closes the segment. */
  close(): Promise<void>;
}

const errCode = (e: unknown) => String((e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? e);

async function syncDir(dir: string) {
  const fh = await fs.open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function writeAll(fh: fs.FileHandle, buf: Buffer) {
  let off = 0;
  while (off < buf.length) off += (await fh.write(buf, off, buf.length - off)).bytesWritten;
}

/** Each complete line of a file as a record; a torn or corrupt last line is reported, one elsewhere throws. */
async function readRecords(file: string, onRecord: (r: JournalRecord, line: number) => void): Promise<{ torn: boolean }> {
  const lines = readline.createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let pending: string | undefined;
  let n = 0;
  const take = (text: string, at: number) => {
    try {
      onRecord(JSON.parse(text) as JournalRecord, at);
    } catch (e) {
      if (e instanceof SyntaxError) throw new Error(`${path.basename(file)}: line ${at} is corrupt`);
      throw e;
    }
  };
  for await (const line of lines) {
    if (pending !== undefined) take(pending, n);
    pending = line;
    n++;
  }
  if (pending === undefined || pending === "") return { torn: false };
  try {
    onRecord(JSON.parse(pending) as JournalRecord, n);
    return { torn: false };
  } catch (e) {
    if (e instanceof SyntaxError) return { torn: true };
    throw e;
  }
}

/**
 * Opens the journal in `dir`: replays the snapshot and the segments after it through `apply`, removes what a
 * crash left half done, and starts a new segment for appends.
 */
export async function openJournal(
  dir: string,
  apply: (r: JournalRecord) => void,
  opts: { onTornRecord?: (segment: string) => void } = {},
): Promise<Journal> {
  await fs.mkdir(dir, { recursive: true });
  const names = await fs.readdir(dir);
  for (const n of names) if (n.endsWith(".tmp")) await fs.rm(path.join(dir, n), { force: true });

  let upTo = 0;
  let snapshotBytes = 0;
  if (names.includes(SNAPSHOT)) {
    const file = path.join(dir, SNAPSHOT);
    snapshotBytes = (await fs.stat(file)).size;
    let header = true;
    const { torn } = await readRecords(file, (r) => {
      if (header) {
        if (r.loft !== "snapshot" || r.format !== 2 || typeof r.upTo !== "number") throw new Error(`${SNAPSHOT}: not a Løft snapshot`);
        upTo = r.upTo;
        header = false;
      } else apply(r);
    });
    // A snapshot is renamed into place only once complete: a torn one is damage, not a crash.
    if (torn || header) throw new Error(`${SNAPSHOT} is incomplete`);
  }
  const segments = names
    .map((n) => SEGMENT.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  for (const seq of segments) {
    const file = path.join(dir, segmentName(seq));
    if (seq <= upTo) {
      await fs.rm(file, { force: true }); // covered by the snapshot: a compaction stopped before its clean-up
      continue;
    }
    if ((await fs.stat(file)).size === 0) {
      await fs.rm(file, { force: true }); // nothing was ever appended to it
      continue;
    }
    const { torn } = await readRecords(file, (r) => apply(r));
    if (torn) opts.onTornRecord?.(segmentName(seq));
  }

  let seq = Math.max(upTo, ...segments) + 1;
  let fh: fs.FileHandle | undefined = await fs.open(path.join(dir, segmentName(seq)), "a");
  await syncDir(dir);
  let appended = 0;
  let healthy = true;
  let lastError: string | undefined;

  // Appends are queued and written by one flusher; a compaction's rotation runs between two flushes.
  let queue: Array<{ buf: Buffer; resolve: () => void; reject: (e: Error) => void }> = [];
  let flushing: Promise<void> | undefined;
  let compacting: Promise<void> | undefined;
  let rotating: Promise<void> | undefined;

  const fail = (e: unknown): JournalUnavailable => {
    healthy = false;
    lastError = errCode(e);
    // Never append after a failed write: the segment may end in a torn line. A compaction starts a new one.
    const old = fh;
    fh = undefined;
    void old?.close().catch(() => undefined);
    return new JournalUnavailable(lastError);
  };

  let inFlight: Promise<void> | undefined;

  async function writeBatch(batch: typeof queue): Promise<void> {
    try {
      if (!fh) throw new JournalUnavailable(lastError ?? "closed");
      const buf = Buffer.concat(batch.map((b) => b.buf));
      await writeAll(fh, buf);
      await fh.datasync();
      appended += buf.length;
      for (const b of batch) b.resolve();
    } catch (e) {
      const err = e instanceof JournalUnavailable ? e : fail(e);
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

  /** Starts a new segment between two batches; returns the number of the last segment before it. */
  async function rotate(): Promise<number> {
    let release!: () => void;
    rotating = new Promise<void>((r) => (release = r));
    try {
      await inFlight;
      const covered = seq;
      const next = await fs.open(path.join(dir, segmentName(seq + 1)), "a");
      await syncDir(dir);
      const old = fh;
      fh = next;
      seq += 1;
      appended = 0;
      await old?.close().catch(() => undefined);
      return covered;
    } finally {
      rotating = undefined;
      release();
    }
  }

  async function writeSnapshot(covered: number, dump: () => Iterable<JournalRecord>) {
    const tmp = path.join(dir, `${SNAPSHOT}.tmp`);
    const out = await fs.open(tmp, "w");
    let bytes = 0;
    try {
      let chunk: string[] = [JSON.stringify({ loft: "snapshot", format: 2, upTo: covered })];
      const put = async () => {
        const buf = Buffer.from(chunk.join("\n") + "\n");
        chunk = [];
        await writeAll(out, buf);
        bytes += buf.length;
        await new Promise((r) => setImmediate(r)); // let turns run between chunks
      };
      for (const r of dump()) {
        chunk.push(JSON.stringify(r));
        if (chunk.length >= CHUNK) await put();
      }
      await put();
      await out.datasync();
    } catch (e) {
      await out.close().catch(() => undefined);
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await out.close();
    await fs.rename(tmp, path.join(dir, SNAPSHOT));
    await syncDir(dir);
    snapshotBytes = bytes;
    for (const n of await fs.readdir(dir)) {
      const m = SEGMENT.exec(n);
      if (m && Number(m[1]) <= covered) await fs.rm(path.join(dir, n), { force: true });
    }
  }

  return {
    append(records) {
      if (!healthy) return Promise.reject(new JournalUnavailable(lastError ?? "unavailable"));
      return new Promise<void>((resolve, reject) => {
        queue.push({ buf: Buffer.from(records.map((r) => JSON.stringify(r) + "\n").join("")), resolve, reject });
        if (!flushing) flushing = flush().finally(() => (flushing = undefined));
      });
    },
    compact(dump) {
      if (compacting) return compacting;
      compacting = (async () => {
        try {
          const covered = await rotate();
          await writeSnapshot(covered, dump);
          healthy = true;
          lastError = undefined;
        } catch (e) {
          throw fail(e);
        }
      })().finally(() => (compacting = undefined));
      return compacting;
    },
    get healthy() {
      return healthy;
    },
    get lastError() {
      return lastError;
    },
    compactionDue: () => !compacting && appended >= Math.max(COMPACT_AFTER_BYTES, snapshotBytes),
    async close() {
      await compacting?.catch(() => undefined);
      while (flushing) await flushing;
      await fh?.close().catch(() => undefined);
      fh = undefined;
      healthy = false;
      lastError = "closed";
    },
  };
}
