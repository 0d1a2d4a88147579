// One small repository per aggregate over @azure/cosmos. Documents are validated with the domain's
// zod schemas on the way in and out; Cosmos' system properties stay here (the ETag travels separately).
import { NATIONAL_PARTITION, NationalFigures } from "../domain/national";
import { Lending, LendingRef } from "../domain/lending";
import type { Container, ItemDefinition } from "@azure/cosmos";
import { z } from "zod";
import { TeamLink, teamKey } from "../domain/corps";
import { CheckInRequest, CheckInRound, requestId, roundId } from "../domain/checkin";
import { emptyImplementation, Implementation } from "../domain/implementation";
import { Job } from "../domain/jobs";
import { AccessLine } from "../domain/access-log";
import { HalfYearNote, halfYearNoteId } from "../domain/halfyear";
import { Gathering } from "../domain/gatherings";
import { Case, CaseIndex, caseIndexId, Corps, Directory, Entry, Member, memberDocId, storableId, type NewCase } from "../domain/model";
import { CONTAINER_DEFS, partitionOfQuery, type Containers } from "./containers";

export interface Versioned<T> {
  doc: T;
  etag: string;
}

function statusOf(e: unknown): number | undefined {
  return typeof e === "object" && e !== null && "code" in e ? Number((e as { code: unknown }).code) : undefined;
}

/** A conditional write lost to a concurrent one (HTTP 412). */
export class ConflictError extends Error {}

/** For a write about a case that may have been erased meanwhile: "gone" is nothing to do; any other failure is thrown. */
export function unlessGone(e: unknown): undefined {
  if (e instanceof ConflictError && / is gone$/.test(e.message)) return undefined;
  throw e;
}

/** Told of a stored document that does not match its schema (its container, id and the paths that are wrong). */
export type OnMalformed = (found: { container: string; id: string; paths: string[] }) => void;

/** How the repositories talk to the store; production uses the defaults. */
export interface StoreOptions {
  /** Items per page of every query (`maxItemCount`); default: the service's. Tests set it small to prove paging. */
  pageSize?: number;
  /**
   * Every operation, its retries (the SDK's and ours) included, ends within this many ms (an AbortSignal). Without it
   * a read the store never answers is retried by the SDK up to 120 times (endpoint discovery's timeout policy).
   */
  deadlineMs?: number;
}

/** What the repositories of one store share: its malformed-document hook and its options. */
interface Ctx extends StoreOptions {
  malformed?: OnMalformed;
}

// ── Transient failures ───────────────────────────────────────────────────────────────────────────
// @azure/cosmos retries some failures itself: 429 (up to its limits, waiting `x-ms-retry-after-ms`), and — with
// endpoint discovery on, as in production — a read's or query's 503 once and its client-side timeouts. It never retries
// a write on 503, 408 or a cut connection, nor anything on an HTTP 408 (measured against the fault proxy,
// test/integration/cosmos-faults.test.ts). Cosmos DB's guidance ("Designing resilient applications with Azure Cosmos DB
// SDKs") is that the application retries those itself, and writes only where a retry is safe. Here:
//   - "not done": the service did not process the request (503 Service Unavailable, 449 Retry With, 410 Gone) — any
//     operation is tried again;
//   - "unknown": a write may have been done (408, the SDK's request timeout, a connection cut) — tried again too, and
//     a create or conditional replace that then finds the document there (409, 412) compares it with what it wrote:
//     the same document is its own earlier try, done after all (so a claim, a mark or an entry is never mistaken for a
//     concurrent writer's, nor written twice).
// A 429 the SDK gave up on is not retried again: it waited as long as it was told to, up to its limit.

type Transient = "notDone" | "unknown";
const NOT_DONE = new Set<unknown>([503, 449, 410]);
const UNKNOWN = new Set<unknown>([408, "TimeoutError", "ECONNRESET", "EPIPE", "ECONNREFUSED", "REQUEST_SEND_ERROR"]);

function transient(e: unknown): Transient | undefined {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  if (NOT_DONE.has(code)) return "notDone";
  if (UNKNOWN.has(code)) return "unknown";
  return undefined;
}

/** Tries of one store operation against transient failures (the SDK's own retries inside each). */
const TRANSIENT_ATTEMPTS = 3;
/** 50–100 ms, then 100–200 ms: a passing fault clears; a lasting one fails the turn within its budget. */
const transientPause = (attempt: number) => new Promise((r) => setTimeout(r, 50 * 2 ** (attempt - 1) * (1 + Math.random())));

/**
 * Runs `op` (one store operation) until it succeeds, fails for good, or has had its tries. `op` is told whether an
 * earlier try may have been done by the store (an "unknown" failure), so a create or replace can recognise itself.
 */
async function retrying<T>(ctx: Ctx, op: (signal: AbortSignal | undefined, maybeDone: boolean) => Promise<T>): Promise<T> {
  const signal = ctx.deadlineMs ? AbortSignal.timeout(ctx.deadlineMs) : undefined;
  let maybeDone = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(signal, maybeDone);
    } catch (e) {
      const kind = transient(e);
      if (!kind || attempt >= TRANSIENT_ATTEMPTS || signal?.aborted) throw e;
      if (kind === "unknown") maybeDone = true;
    }
    await transientPause(attempt);
  }
}

const SYSTEM = new Set(["_rid", "_self", "_etag", "_ts", "_attachments", "_lsn"]);
/** A document as JSON with its keys sorted and the store's own properties left out: two are the same if equal. */
function canonical(doc: unknown): string {
  return JSON.stringify(doc, (key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !(key === "" && SYSTEM.has(k))).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** The partition key path of container `c` ("/id" for one not defined here). */
const partitionKeyOf = (c: Container): string => Object.values(CONTAINER_DEFS).find((d) => d.id === c.id)?.partitionKey ?? "/id";

/** The partition key value of a document in container `c` (every container's key is one top-level property). */
function pkOf(c: Container, doc: ItemDefinition): string {
  return String(doc[partitionKeyOf(c).slice(1)]);
}

/** After an "unknown" failure: is `doc` what the store holds now (our earlier try was done)? Its ETag if so. */
async function storedAs(c: Container, doc: ItemDefinition, signal: AbortSignal | undefined): Promise<string | undefined> {
  try {
    const { resource, etag } = await c.item(String(doc.id), pkOf(c, doc)).read<ItemDefinition>({ abortSignal: signal });
    return resource && canonical(resource) === canonical(doc) ? etag : undefined;
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/**
 * A stored document as its schema reads it. One that does not match (an older shape, a hand edit, a bug) is left out
 * and reported — never the reason a corps' list, dashboard or menu fails — and is read as absent by id.
 */
function parsed<S extends z.ZodTypeAny>(ctx: Ctx, c: Container, raw: ItemDefinition, schema: S): z.infer<S> | undefined {
  const got = schema.safeParse(raw);
  if (got.success) return got.data;
  ctx.malformed?.({ container: c.id, id: String(raw.id), paths: got.error.issues.slice(0, 5).map((i) => i.path.join(".")) });
  return undefined;
}

async function pointRead<S extends z.ZodTypeAny>(ctx: Ctx, c: Container, id: string, pk: string, schema: S): Promise<Versioned<z.infer<S>> | undefined> {
  // An id the store cannot hold (from a card or a header: "case/x", "   ") names no document: not found, never a failed request.
  if (!storableId(id) || !storableId(pk)) return undefined;
  return retrying(ctx, async (abortSignal) => {
    try {
      const { resource, etag } = await c.item(id, pk).read<ItemDefinition>({ abortSignal });
      const doc = resource && parsed(ctx, c, resource, schema);
      return doc ? { doc, etag } : undefined;
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  });
}

/**
 * Every result of a query, as stored: the SDK follows the continuation tokens page after page (`fetchAll`), and a page
 * that fails transiently runs the whole query again — a caller gets every item or an error, never part of a list.
 */
function queryRaw(ctx: Ctx, c: Container, sql: string, params: Record<string, string>): Promise<ItemDefinition[]> {
  const partitionKey = partitionOfQuery(sql, params, partitionKeyOf(c));
  return retrying(ctx, async (abortSignal) => {
    const { resources } = await c.items
      .query<ItemDefinition>(
        { query: sql, parameters: Object.entries(params).map(([name, value]) => ({ name, value })) },
        { ...(ctx.pageSize ? { maxItemCount: ctx.pageSize } : {}), ...(partitionKey !== undefined ? { partitionKey } : {}), abortSignal },
      )
      .fetchAll();
    return resources;
  });
}

async function query<S extends z.ZodTypeAny>(ctx: Ctx, c: Container, sql: string, params: Record<string, string>, schema: S): Promise<Array<z.infer<S>>> {
  return (await queryRaw(ctx, c, sql, params)).flatMap((r) => parsed(ctx, c, r, schema) ?? []);
}

/** Jobs as stored, each with its ETag (the scheduler claims them with it). */
function versionedOf(ctx: Ctx, c: Container) {
  return (raw: ItemDefinition[]): Array<Versioned<Job>> =>
    raw.flatMap((r) => {
      const doc = parsed(ctx, c, r, Job);
      return doc ? [{ doc, etag: String(r._etag) }] : [];
    });
}

async function createOnce(ctx: Ctx, c: Container, doc: ItemDefinition): Promise<"created" | "duplicate"> {
  return retrying(ctx, async (abortSignal, maybeDone) => {
    try {
      await c.items.create(doc, { abortSignal });
      return "created";
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
      // Our own earlier try, done after all, is not a duplicate.
      return maybeDone && (await storedAs(c, doc, abortSignal)) !== undefined ? "created" : "duplicate";
    }
  });
}

/** Writes the document whole (an upsert is the same however often it is done). */
async function upsert(ctx: Ctx, c: Container, doc: ItemDefinition): Promise<void> {
  await retrying(ctx, (abortSignal) => c.items.upsert(doc, { abortSignal }));
}

/** Removes a document; one already gone is fine (an erasure run again). */
async function remove(ctx: Ctx, c: Container, id: string, pk: string): Promise<void> {
  await retrying(ctx, async (abortSignal) => {
    try {
      await c.item(id, pk).delete({ abortSignal });
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
  });
}

/**
 * Replaces the document if it is still as read (ETag `etag`); its new ETag, or undefined if another writer changed it
 * first (412). A document that is gone fails with the store's 404.
 */
async function replaceIf(ctx: Ctx, c: Container, doc: ItemDefinition, etag: string): Promise<string | undefined> {
  return retrying(ctx, async (abortSignal, maybeDone) => {
    try {
      return (await c.item(String(doc.id), pkOf(c, doc)).replace(doc, { accessCondition: { type: "IfMatch", condition: etag }, abortSignal })).etag;
    } catch (e) {
      if (statusOf(e) !== 412) throw e;
      // Our own earlier try, done after all, is not another writer's change.
      return maybeDone ? storedAs(c, doc, abortSignal) : undefined;
    }
  });
}

/** Creates the document if there is none; false if there is one (409) — not counting our own earlier try. */
async function createIfAbsent(ctx: Ctx, c: Container, doc: ItemDefinition): Promise<boolean> {
  return (await createOnce(ctx, c, doc)) === "created";
}

/** How often a conditional write is tried against concurrent writers before the caller is told. */
const ATTEMPTS = 12;
/** Full jitter, exponential up to 200 ms: many writers on one document spread out instead of colliding again. */
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 2 ** attempt)));

/**
 * Read-modify-write with optimistic concurrency: `change` gets the document as stored (or undefined) and returns
 * the new one, or undefined for "nothing to do". A concurrent write (412, or 409 on a first create) makes it
 * re-read and apply `change` again, never overwrite the other writer. `first` saves the read when the caller has one.
 */
async function readModifyWrite<S extends z.ZodTypeAny>(
  ctx: Ctx,
  c: Container,
  id: string,
  pk: string,
  schema: S,
  change: (doc: z.infer<S> | undefined) => z.infer<S> | undefined,
  first?: Versioned<z.infer<S>>,
): Promise<{ before: z.infer<S> | undefined; after: z.infer<S> | undefined }> {
  let got = first ?? (await pointRead(ctx, c, id, pk, schema));
  for (let attempt = 1; ; attempt++) {
    const next = change(got?.doc);
    if (next === undefined) return { before: got?.doc, after: got?.doc };
    const doc = schema.parse(next);
    const written = got ? (await replaceIf(ctx, c, doc, got.etag)) !== undefined : await createIfAbsent(ctx, c, doc);
    if (written) return { before: got?.doc, after: doc };
    if (attempt >= ATTEMPTS) throw new ConflictError(`${id} kept changing`);
    await backoff(attempt);
    got = await pointRead(ctx, c, id, pk, schema);
  }
}

export function createRepositories(c: Containers, malformed?: OnMalformed, options: StoreOptions = {}) {
  const ctx: Ctx = { ...options, malformed };
  const versioned = versionedOf(ctx, c.jobs);
  return {
    directory: {
      get: (id: string) => pointRead(ctx, c.directory, id, id, Directory).then((v) => v?.doc),
      upsert: (doc: Directory) => upsert(ctx, c.directory, Directory.parse(doc)),
    },
    /** Which corps a Teams team is: written last when a corps is created from its team, so its presence means done. */
    teams: {
      get: (tenantId: string, teamId: string) => {
        const id = teamKey(tenantId, teamId);
        return pointRead(ctx, c.directory, id, id, TeamLink).then((v) => v?.doc);
      },
      create: (link: TeamLink) => createOnce(ctx, c.directory, TeamLink.parse(link)),
    },
    corps: {
      get: (corpsId: string) => pointRead(ctx, c.corps, corpsId, corpsId, Corps).then((v) => v?.doc),
      upsert: (doc: Corps) => upsert(ctx, c.corps, Corps.parse(doc)),
      /** Every corps (the check-in planner's one cross-partition query, run hourly). */
      list: () => query(ctx, c.corps, "SELECT * FROM c WHERE c.type = 'corps'", {}, Corps),
      /** `change` gets the stored corps and returns the new one (or undefined: no change). */
      update: (corpsId: string, change: (doc: Corps) => Corps | undefined) =>
        readModifyWrite(ctx, c.corps, corpsId, corpsId, Corps, (doc) => (doc ? change(doc) : undefined)),
    },
    /** A month's check-in per corps (the round) and what was sent to each mentor (the requests). */
    checkIns: {
      getRound: (corpsId: string, month: string) => pointRead(ctx, c.corps, roundId(month), corpsId, CheckInRound),
      createRound: (doc: CheckInRound) => createOnce(ctx, c.corps, CheckInRound.parse(doc)),
      /** `change` gets the stored round and returns the new one (or undefined: no change). */
      updateRound: (corpsId: string, month: string, change: (r: CheckInRound) => CheckInRound | undefined) =>
        readModifyWrite(ctx, c.corps, roundId(month), corpsId, CheckInRound, (doc) => (doc ? change(doc) : undefined)),
      /** The corps' rounds from one month to another (the dashboard's check-in figures; one small document a month). */
      listRounds: (corpsId: string, from: string, to: string) =>
        query(
          ctx,
          c.corps,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'checkInRound' AND c.month >= @from AND c.month <= @to",
          { "@corpsId": corpsId, "@from": from, "@to": to },
          CheckInRound,
        ),
      /** The months' requests that name a case (an erasure removes it from them). */
      listRequestsNaming: (corpsId: string, caseId: string) =>
        query(
          ctx,
          c.corps,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'checkInRequest' AND ARRAY_CONTAINS(c.caseIds, @caseId)",
          { "@corpsId": corpsId, "@caseId": caseId },
          CheckInRequest,
        ),
      getRequest: (corpsId: string, month: string, memberId: string) => pointRead(ctx, c.corps, requestId(month, memberId), corpsId, CheckInRequest).then((v) => v?.doc),
      /** `change` gets the stored request (or undefined) and returns the new one, or undefined for no change. */
      updateRequest: (corpsId: string, month: string, memberId: string, change: (r: CheckInRequest | undefined) => CheckInRequest | undefined) =>
        readModifyWrite(ctx, c.corps, requestId(month, memberId), corpsId, CheckInRequest, change),
      listRequests: (corpsId: string, month: string) =>
        query(
          ctx,
          c.corps,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'checkInRequest' AND c.month = @month",
          { "@corpsId": corpsId, "@month": month },
          CheckInRequest,
        ),
    },
    /** The coordinator's note to the national centre with a half-year's questionnaire (src/domain/halfyear.ts). */
    halfYearNotes: {
      get: (corpsId: string, period: string) => pointRead(ctx, c.corps, halfYearNoteId(period), corpsId, HalfYearNote).then((v) => v?.doc),
      upsert: (doc: HalfYearNote) => upsert(ctx, c.corps, HalfYearNote.parse(doc)),
    },
    /** Lendings between corps (src/domain/lending.ts): in the borrowing corps' partition; a pointer in the lender's. */
    lendings: {
      get: (corpsId: string, id: string) => pointRead(ctx, c.corps, id, corpsId, Lending).then((v) => v?.doc),
      create: (doc: Lending) => createOnce(ctx, c.corps, Lending.parse(doc)),
      list: (corpsId: string) => query(ctx, c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'lending'", { "@corpsId": corpsId }, Lending),
      /** `change` gets the stored lending and returns the new one (or undefined: no change). */
      update: (corpsId: string, id: string, change: (l: Lending) => Lending | undefined) => readModifyWrite(ctx, c.corps, id, corpsId, Lending, (doc) => (doc ? change(doc) : undefined)),
      createRef: (doc: LendingRef) => createOnce(ctx, c.corps, LendingRef.parse(doc)),
      listRefs: (corpsId: string) => query(ctx, c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'lendingRef'", { "@corpsId": corpsId }, LendingRef),
      /** Erasure only (src/store/erasure.ts): the lending (borrowing corps) or its pointer (lending corps). */
      delete: (corpsId: string, id: string) => remove(ctx, c.corps, id, corpsId),
    },
    /** The national figures (src/domain/national.ts): one document, recomputed hourly. */
    national: {
      get: () => pointRead(ctx, c.corps, "national", NATIONAL_PARTITION, NationalFigures).then((v) => v?.doc),
      upsert: (doc: NationalFigures) => upsert(ctx, c.corps, NationalFigures.parse(doc)),
    },
    /** The corps' gatherings (src/domain/gatherings.ts): a few a year, in the corps' partition. */
    gatherings: {
      get: (corpsId: string, id: string) => pointRead(ctx, c.corps, id, corpsId, Gathering).then((v) => v?.doc),
      create: (doc: Gathering) => createOnce(ctx, c.corps, Gathering.parse(doc)),
      list: (corpsId: string) =>
        query(ctx, c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'gathering' ORDER BY c.at", { "@corpsId": corpsId }, Gathering),
      /** `change` gets the stored gathering and returns the new one (or undefined: no change). */
      update: (corpsId: string, id: string, change: (g: Gathering) => Gathering | undefined) =>
        readModifyWrite(ctx, c.corps, id, corpsId, Gathering, (doc) => (doc ? change(doc) : undefined)),
    },
    /** The corps' implementation plan and checklists (one small document, id `implementation`). */
    implementation: {
      get: async (corpsId: string) => (await pointRead(ctx, c.corps, "implementation", corpsId, Implementation))?.doc ?? emptyImplementation(corpsId),
      /** `change` gets the stored document (or an empty one) and returns the new one, or undefined for no change. */
      update: (corpsId: string, change: (doc: Implementation) => Implementation | undefined) =>
        readModifyWrite(ctx, c.corps, "implementation", corpsId, Implementation, (doc) => change(doc ?? emptyImplementation(corpsId))),
    },
    members: {
      get: (corpsId: string, aadObjectId: string) =>
        pointRead(ctx, c.corps, memberDocId(aadObjectId), corpsId, Member).then((v) => v?.doc),
      upsert: (doc: Member) => upsert(ctx, c.corps, Member.parse(doc)),
      list: (corpsId: string) =>
        query(ctx, c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'member'", { "@corpsId": corpsId }, Member),
    },
    cases: {
      get: (corpsId: string, caseId: string) => pointRead(ctx, c.corps, caseId, corpsId, Case),
      listForCoach: (corpsId: string, coachId: string) =>
        query(
          ctx,
          c.corps,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case' AND c.coachId = @coachId ORDER BY c.code",
          { "@corpsId": corpsId, "@coachId": coachId },
          Case,
        ),
      list: (corpsId: string) =>
        query(ctx, c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case' ORDER BY c.code", { "@corpsId": corpsId }, Case),
      /** The cases linked to `caseId` as the same family (an erasure unlinks them). */
      listFamilyOf: (corpsId: string, caseId: string) =>
        query(ctx, c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case' AND c.family.caseId = @caseId", { "@corpsId": corpsId, "@caseId": caseId }, Case),
      /** Closed cases that closed before an instant (the retention period's erasure; one single-partition query). */
      listClosedBefore: (corpsId: string, before: string) =>
        query(
          ctx,
          c.corps,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case' AND c.status = 'closed' AND c.closedAt < @before",
          { "@corpsId": corpsId, "@before": before },
          Case,
        ),
      /** Erasure only (src/store/erasure.ts). */
      delete: (corpsId: string, caseId: string) => remove(ctx, c.corps, caseId, corpsId),
      /** "duplicate" if a case with this id exists (a replayed "Nyt forløb"). */
      create: (doc: NewCase) => createOnce(ctx, c.corps, Case.parse(doc)),
      upsert: (doc: NewCase) => upsert(ctx, c.corps, Case.parse(doc)),
      /**
       * Applies `change` to the case as read (`current`); if someone changed it meanwhile, re-reads and applies the
       * change again rather than overwrite theirs. Throws ConflictError if it keeps losing (the caller's job retries).
       */
      update: async (corpsId: string, caseId: string, change: (c: Case) => Case, current?: Versioned<Case>): Promise<{ before: Case; after: Case }> => {
        // A change that returns the case it was given has nothing to write.
        const { before, after } = await readModifyWrite(ctx, c.corps, caseId, corpsId, Case, (doc) => {
          const next = doc && change(doc);
          return next === doc ? undefined : next;
        }, current);
        if (!before || !after) throw new ConflictError(`case ${caseId} is gone`);
        return { before, after };
      },
    },
    /** A coach's open cases in one document: the menu and the case picker read it by id. */
    caseIndex: {
      /** Every coach's index in the corps (an erasure removes the case from each that lists it). */
      listMemberIds: async (corpsId: string) =>
        (await query(ctx, c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'caseIndex'", { "@corpsId": corpsId }, CaseIndex)).map((ix) => ix.memberId),
      get: (corpsId: string, memberId: string) => pointRead(ctx, c.corps, caseIndexId(memberId), corpsId, CaseIndex).then((v) => v?.doc),
      /** `change` gets the stored index (or undefined) and returns the new one, or undefined for no change. */
      update: (corpsId: string, memberId: string, change: (ix: CaseIndex | undefined) => CaseIndex | undefined) =>
        readModifyWrite(ctx, c.corps, caseIndexId(memberId), corpsId, CaseIndex, change),
    },
    entries: {
      /** Creates the entry; "duplicate" if an entry with this id exists (a replayed submission). */
      create: (doc: Entry) => createOnce(ctx, c.entries, Entry.parse(doc)),
      get: (corpsId: string, id: string) => pointRead(ctx, c.entries, id, corpsId, Entry).then((v) => v?.doc),
      /** A case's entries, oldest first; deleted ones (tombstones) only when asked for (rebuilding the case). */
      listForCase: async (corpsId: string, caseId: string, opts: { deleted?: boolean } = {}) =>
        (
          await query(
            ctx,
            c.entries,
            "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.caseId = @caseId ORDER BY c.createdAt",
            { "@corpsId": corpsId, "@caseId": caseId },
            Entry,
          )
        ).filter((e) => opts.deleted || !e.deletedAt),
      /** The corps' entries since an instant, deleted ones left out (one single-partition query; the monthly summary's read). */
      listSince: async (corpsId: string, since: Date) =>
        (
          await query(
            ctx,
            c.entries,
            "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.createdAt >= @since",
            { "@corpsId": corpsId, "@since": since.toISOString() },
            Entry,
          )
        ).filter((e) => !e.deletedAt),
      /** The ids of every entry of a case, whatever its shape (an erasure removes even one its schema no longer reads). */
      idsForCase: (corpsId: string, caseId: string) =>
        query(ctx, c.entries, "SELECT c.id FROM c WHERE c.corpsId = @corpsId AND c.caseId = @caseId", { "@corpsId": corpsId, "@caseId": caseId }, z.object({ id: z.string() })).then((r) => r.map((x) => x.id)),
      /** Erasure only (src/store/erasure.ts). */
      delete: (corpsId: string, id: string) => remove(ctx, c.entries, id, corpsId),
      /** Read-modify-write of one entry (a correction or deletion by its author); `change` returns undefined for no change. */
      update: (corpsId: string, id: string, change: (e: Entry) => Entry | undefined) =>
        readModifyWrite(ctx, c.entries, id, corpsId, Entry, (doc) => (doc ? change(doc) : undefined)),
    },
    access: {
      /** One line of the access log (a replayed line is written once). */
      add: (line: AccessLine) => createOnce(ctx, c.access, AccessLine.parse(line)),
      /** The lines naming a case, newest first. */
      listForCase: (corpsId: string, caseId: string, max = 50) =>
        query(ctx, c.access, `SELECT TOP ${Math.floor(max)} * FROM c WHERE c.corpsId = @corpsId AND ARRAY_CONTAINS(c.caseIds, @caseId) ORDER BY c.at DESC`, { "@corpsId": corpsId, "@caseId": caseId }, AccessLine),
      /** The corps' newest lines, whatever case (the DPO's and coordinators' corps-wide log). */
      listForCorps: (corpsId: string, max = 50) =>
        query(ctx, c.access, `SELECT TOP ${Math.floor(max)} * FROM c WHERE c.corpsId = @corpsId ORDER BY c.at DESC`, { "@corpsId": corpsId }, AccessLine),
      /** Every line naming a case, as stored (an erasure rewrites or removes them). */
      allForCase: (corpsId: string, caseId: string) =>
        query(ctx, c.access, "SELECT * FROM c WHERE c.corpsId = @corpsId AND ARRAY_CONTAINS(c.caseIds, @caseId)", { "@corpsId": corpsId, "@caseId": caseId }, AccessLine),
      /** Erasure only: a line rewritten without the erased case, or removed. */
      replace: (line: AccessLine) => upsert(ctx, c.access, AccessLine.parse(line)),
      delete: (corpsId: string, id: string) => remove(ctx, c.access, id, corpsId),
    },
    jobs: {
      /** "duplicate" when a job with this id exists already (one nudge per case and day). */
      create: (doc: Job) => createOnce(ctx, c.jobs, Job.parse(doc)),
      get: (corpsId: string, id: string) => pointRead(ctx, c.jobs, id, corpsId, Job),
      /** A finished job is removed: the due query scans the container, so it holds only work to do. */
      delete: (corpsId: string, id: string) => remove(ctx, c.jobs, id, corpsId),
      /** Jobs about a case, of any status (an erasure removes them, or the case from a message about several). */
      listForCase: (corpsId: string, caseId: string) =>
        query(
          ctx,
          c.jobs,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND (c.caseId = @caseId OR ARRAY_CONTAINS(c.message.caseIds, @caseId))",
          { "@corpsId": corpsId, "@caseId": caseId },
          Job,
        ),
      /** Erasure only: a message about several cases, without the erased one. */
      upsert: (doc: Job) => upsert(ctx, c.jobs, Job.parse(doc)),
      /**
       * Jobs to run now, across corps (the scheduler's one cross-partition query): pending ones that are due,
       * and claimed ones whose runner died before finishing (claimed before `staleClaimBefore`).
       */
      due: async (now: Date, staleClaimBefore: Date, max: number): Promise<Array<Versioned<Job>>> =>
        versioned(
          await queryRaw(
            ctx,
            c.jobs,
            `SELECT TOP ${Math.floor(max)} * FROM c WHERE (c.status = 'pending' AND c.dueAt <= @now) OR (c.status = 'claimed' AND c.claimedAt <= @stale) ORDER BY c.dueAt`,
            { "@now": now.toISOString(), "@stale": staleClaimBefore.toISOString() },
          ),
        ),
      /** Pending jobs of a kind, due or not, across corps (start-up: what a previous process left half done). */
      pendingOfKind: async (kind: Job["kind"]): Promise<Array<Versioned<Job>>> =>
        versioned(await queryRaw(ctx, c.jobs, "SELECT * FROM c WHERE c.kind = @kind AND c.status = 'pending'", { "@kind": kind })),
      /** Removes finished messages older than `before` (the hourly plan; a cross-partition query); how many. */
      purgeFinishedMessages: async (before: Date): Promise<number> => {
        const found = (await queryRaw(
          ctx,
          c.jobs,
          "SELECT c.id, c.corpsId FROM c WHERE c.kind = 'message' AND (c.status = 'done' OR c.status = 'skipped') AND c.finishedAt < @before",
          { "@before": before.toISOString() },
        )) as Array<{ id: string; corpsId: string }>;
        for (const r of found) await remove(ctx, c.jobs, r.id, r.corpsId).catch(() => undefined);
        return found.length;
      },
      /**
       * Conditional replace: the new ETag, or undefined if someone else changed (claimed) the job first or removed it.
       * A replace whose answer was lost (a timeout) and that was done is recognised as ours, never as someone else's.
       */
      replaceIfUnchanged: async (doc: Job, etag: string): Promise<string | undefined> => {
        try {
          return await replaceIf(ctx, c.jobs, Job.parse(doc), etag);
        } catch (e) {
          if (statusOf(e) === 404) return undefined; // removed meanwhile
          throw e;
        }
      },
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
