// One small repository per aggregate over @azure/cosmos. Documents are validated with the domain's
// zod schemas on the way in and out; Cosmos' system properties stay here (the ETag travels separately).
import type { Container, ItemDefinition } from "@azure/cosmos";
import { z } from "zod";
import { TeamLink, teamKey } from "../domain/corps";
import { CheckInRequest, CheckInRound, requestId, roundId } from "../domain/checkin";
import { emptyImplementation, Implementation } from "../domain/implementation";
import { Job } from "../domain/jobs";
import { AccessLine } from "../domain/access-log";
import { Case, CaseIndex, caseIndexId, Corps, Directory, Entry, Member, memberDocId, storableId, type NewCase } from "../domain/model";
import type { Containers } from "./containers";

export interface Versioned<T> {
  doc: T;
  etag: string;
}

function statusOf(e: unknown): number | undefined {
  return typeof e === "object" && e !== null && "code" in e ? Number((e as { code: unknown }).code) : undefined;
}

/** A conditional write lost to a concurrent one (HTTP 412). */
export class ConflictError extends Error {}

/** Told of a stored document that does not match its schema (its container, id and the paths that are wrong). */
export type OnMalformed = (found: { container: string; id: string; paths: string[] }) => void;
/** Each store's containers, and whom they tell of a malformed document. */
const malformedHooks = new WeakMap<Container, OnMalformed>();

/**
 * A stored document as its schema reads it. One that does not match (an older shape, a hand edit, a bug) is left out
 * and reported — never the reason a corps' list, dashboard or menu fails — and is read as absent by id.
 */
function parsed<S extends z.ZodTypeAny>(c: Container, raw: ItemDefinition, schema: S): z.infer<S> | undefined {
  const got = schema.safeParse(raw);
  if (got.success) return got.data;
  malformedHooks.get(c)?.({ container: c.id, id: String(raw.id), paths: got.error.issues.slice(0, 5).map((i) => i.path.join(".")) });
  return undefined;
}

async function pointRead<S extends z.ZodTypeAny>(c: Container, id: string, pk: string, schema: S): Promise<Versioned<z.infer<S>> | undefined> {
  // An id the store cannot hold (from a card or a header: "case/x", "   ") names no document: not found, never a failed request.
  if (!storableId(id) || !storableId(pk)) return undefined;
  try {
    const { resource, etag } = await c.item(id, pk).read<ItemDefinition>();
    const doc = resource && parsed(c, resource, schema);
    return doc ? { doc, etag } : undefined;
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

async function query<S extends z.ZodTypeAny>(c: Container, sql: string, params: Record<string, string>, schema: S): Promise<Array<z.infer<S>>> {
  const { resources } = await c.items
    .query({ query: sql, parameters: Object.entries(params).map(([name, value]) => ({ name, value })) })
    .fetchAll();
  return resources.flatMap((r) => parsed(c, r, schema) ?? []);
}

async function createOnce(c: Container, doc: ItemDefinition): Promise<"created" | "duplicate"> {
  try {
    await c.items.create(doc);
    return "created";
  } catch (e) {
    if (statusOf(e) === 409) return "duplicate";
    throw e;
  }
}

/** Removes a document; one already gone is fine (an erasure run again). */
async function remove(c: Container, id: string, pk: string): Promise<void> {
  try {
    await c.item(id, pk).delete();
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
  }
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
  c: Container,
  id: string,
  pk: string,
  schema: S,
  change: (doc: z.infer<S> | undefined) => z.infer<S> | undefined,
  first?: Versioned<z.infer<S>>,
): Promise<{ before: z.infer<S> | undefined; after: z.infer<S> | undefined }> {
  let got = first ?? (await pointRead(c, id, pk, schema));
  for (let attempt = 1; ; attempt++) {
    const next = change(got?.doc);
    if (next === undefined) return { before: got?.doc, after: got?.doc };
    const doc = schema.parse(next);
    try {
      if (got) await c.item(id, pk).replace(doc, { accessCondition: { type: "IfMatch", condition: got.etag } });
      else await c.items.create(doc);
      return { before: got?.doc, after: doc };
    } catch (e) {
      const status = statusOf(e);
      if ((status !== 412 && status !== 409) || attempt >= ATTEMPTS) {
        if (status === 412 || status === 409) throw new ConflictError(`${id} kept changing`);
        throw e;
      }
    }
    await backoff(attempt);
    got = await pointRead(c, id, pk, schema);
  }
}

export function createRepositories(c: Containers, malformed?: OnMalformed) {
  if (malformed) for (const container of Object.values(c)) malformedHooks.set(container, malformed);
  return {
    directory: {
      get: (id: string) => pointRead(c.directory, id, id, Directory).then((v) => v?.doc),
      upsert: async (doc: Directory) => void (await c.directory.items.upsert(Directory.parse(doc))),
    },
    /** Which corps a Teams team is: written last when a corps is created from its team, so its presence means done. */
    teams: {
      get: (tenantId: string, teamId: string) => {
        const id = teamKey(tenantId, teamId);
        return pointRead(c.directory, id, id, TeamLink).then((v) => v?.doc);
      },
      create: (link: TeamLink) => createOnce(c.directory, TeamLink.parse(link)),
    },
    corps: {
      get: (corpsId: string) => pointRead(c.corps, corpsId, corpsId, Corps).then((v) => v?.doc),
      upsert: async (doc: Corps) => void (await c.corps.items.upsert(Corps.parse(doc))),
      /** Every corps (the check-in planner's one cross-partition query, run hourly). */
      list: () => query(c.corps, "SELECT * FROM c WHERE c.type = 'corps'", {}, Corps),
      /** `change` gets the stored corps and returns the new one (or undefined: no change). */
      update: (corpsId: string, change: (doc: Corps) => Corps | undefined) =>
        readModifyWrite(c.corps, corpsId, corpsId, Corps, (doc) => (doc ? change(doc) : undefined)),
    },
    /** A month's check-in per corps (the round) and what was sent to each mentor (the requests). */
    checkIns: {
      getRound: (corpsId: string, month: string) => pointRead(c.corps, roundId(month), corpsId, CheckInRound),
      createRound: (doc: CheckInRound) => createOnce(c.corps, CheckInRound.parse(doc)),
      /** `change` gets the stored round and returns the new one (or undefined: no change). */
      updateRound: (corpsId: string, month: string, change: (r: CheckInRound) => CheckInRound | undefined) =>
        readModifyWrite(c.corps, roundId(month), corpsId, CheckInRound, (doc) => (doc ? change(doc) : undefined)),
      /** The corps' rounds from one month to another (the dashboard's check-in figures; one small document a month). */
      listRounds: (corpsId: string, from: string, to: string) =>
        query(
          c.corps,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'checkInRound' AND c.month >= @from AND c.month <= @to",
          { "@corpsId": corpsId, "@from": from, "@to": to },
          CheckInRound,
        ),
      /** The months' requests that name a case (an erasure removes it from them). */
      listRequestsNaming: (corpsId: string, caseId: string) =>
        query(
          c.corps,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'checkInRequest' AND ARRAY_CONTAINS(c.caseIds, @caseId)",
          { "@corpsId": corpsId, "@caseId": caseId },
          CheckInRequest,
        ),
      getRequest: (corpsId: string, month: string, memberId: string) => pointRead(c.corps, requestId(month, memberId), corpsId, CheckInRequest).then((v) => v?.doc),
      /** `change` gets the stored request (or undefined) and returns the new one, or undefined for no change. */
      updateRequest: (corpsId: string, month: string, memberId: string, change: (r: CheckInRequest | undefined) => CheckInRequest | undefined) =>
        readModifyWrite(c.corps, requestId(month, memberId), corpsId, CheckInRequest, change),
      listRequests: (corpsId: string, month: string) =>
        query(
          c.corps,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'checkInRequest' AND c.month = @month",
          { "@corpsId": corpsId, "@month": month },
          CheckInRequest,
        ),
    },
    /** The corps' implementation plan and checklists (one small document, id `implementation`). */
    implementation: {
      get: async (corpsId: string) => (await pointRead(c.corps, "implementation", corpsId, Implementation))?.doc ?? emptyImplementation(corpsId),
      /** `change` gets the stored document (or an empty one) and returns the new one, or undefined for no change. */
      update: (corpsId: string, change: (doc: Implementation) => Implementation | undefined) =>
        readModifyWrite(c.corps, "implementation", corpsId, Implementation, (doc) => change(doc ?? emptyImplementation(corpsId))),
    },
    members: {
      get: (corpsId: string, aadObjectId: string) =>
        pointRead(c.corps, memberDocId(aadObjectId), corpsId, Member).then((v) => v?.doc),
      upsert: async (doc: Member) => void (await c.corps.items.upsert(Member.parse(doc))),
      list: (corpsId: string) =>
        query(c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'member'", { "@corpsId": corpsId }, Member),
    },
    cases: {
      get: (corpsId: string, caseId: string) => pointRead(c.corps, caseId, corpsId, Case),
      listForCoach: (corpsId: string, coachId: string) =>
        query(
          c.corps,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case' AND c.coachId = @coachId ORDER BY c.code",
          { "@corpsId": corpsId, "@coachId": coachId },
          Case,
        ),
      list: (corpsId: string) =>
        query(c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case' ORDER BY c.code", { "@corpsId": corpsId }, Case),
      /** The cases linked to `caseId` as the same family (an erasure unlinks them). */
      listFamilyOf: (corpsId: string, caseId: string) =>
        query(c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case' AND c.family.caseId = @caseId", { "@corpsId": corpsId, "@caseId": caseId }, Case),
      /** Closed cases that closed before an instant (the retention period's erasure; one single-partition query). */
      listClosedBefore: (corpsId: string, before: string) =>
        query(
          c.corps,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case' AND c.status = 'closed' AND c.closedAt < @before",
          { "@corpsId": corpsId, "@before": before },
          Case,
        ),
      /** Erasure only (src/store/erasure.ts). */
      delete: (corpsId: string, caseId: string) => remove(c.corps, caseId, corpsId),
      /** "duplicate" if a case with this id exists (a replayed "Nyt forløb"). */
      create: (doc: NewCase) => createOnce(c.corps, Case.parse(doc)),
      upsert: async (doc: NewCase) => void (await c.corps.items.upsert(Case.parse(doc))),
      /**
       * Applies `change` to the case as read (`current`); if someone changed it meanwhile, re-reads and applies the
       * change again rather than overwrite theirs. Throws ConflictError if it keeps losing (the caller's job retries).
       */
      update: async (corpsId: string, caseId: string, change: (c: Case) => Case, current?: Versioned<Case>): Promise<{ before: Case; after: Case }> => {
        // A change that returns the case it was given has nothing to write.
        const { before, after } = await readModifyWrite(c.corps, caseId, corpsId, Case, (doc) => {
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
        (await query(c.corps, "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'caseIndex'", { "@corpsId": corpsId }, CaseIndex)).map((ix) => ix.memberId),
      get: (corpsId: string, memberId: string) => pointRead(c.corps, caseIndexId(memberId), corpsId, CaseIndex).then((v) => v?.doc),
      /** `change` gets the stored index (or undefined) and returns the new one, or undefined for no change. */
      update: (corpsId: string, memberId: string, change: (ix: CaseIndex | undefined) => CaseIndex | undefined) =>
        readModifyWrite(c.corps, caseIndexId(memberId), corpsId, CaseIndex, change),
    },
    entries: {
      /** Creates the entry; "duplicate" if an entry with this id exists (a replayed submission). */
      create: (doc: Entry) => createOnce(c.entries, Entry.parse(doc)),
      get: (corpsId: string, id: string) => pointRead(c.entries, id, corpsId, Entry).then((v) => v?.doc),
      /** A case's entries, oldest first; deleted ones (tombstones) only when asked for (rebuilding the case). */
      listForCase: async (corpsId: string, caseId: string, opts: { deleted?: boolean } = {}) =>
        (
          await query(
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
            c.entries,
            "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.createdAt >= @since",
            { "@corpsId": corpsId, "@since": since.toISOString() },
            Entry,
          )
        ).filter((e) => !e.deletedAt),
      /** The ids of every entry of a case, whatever its shape (an erasure removes even one its schema no longer reads). */
      idsForCase: (corpsId: string, caseId: string) =>
        query(c.entries, "SELECT c.id FROM c WHERE c.corpsId = @corpsId AND c.caseId = @caseId", { "@corpsId": corpsId, "@caseId": caseId }, z.object({ id: z.string() })).then((r) => r.map((x) => x.id)),
      /** Erasure only (src/store/erasure.ts). */
      delete: (corpsId: string, id: string) => remove(c.entries, id, corpsId),
      /** Read-modify-write of one entry (a correction or deletion by its author); `change` returns undefined for no change. */
      update: (corpsId: string, id: string, change: (e: Entry) => Entry | undefined) =>
        readModifyWrite(c.entries, id, corpsId, Entry, (doc) => (doc ? change(doc) : undefined)),
    },
    access: {
      /** One line of the access log (a replayed line is written once). */
      add: (line: AccessLine) => createOnce(c.access, AccessLine.parse(line)),
      /** The lines naming a case, newest first. */
      listForCase: (corpsId: string, caseId: string, max = 50) =>
        query(c.access, `SELECT TOP ${Math.floor(max)} * FROM c WHERE c.corpsId = @corpsId AND ARRAY_CONTAINS(c.caseIds, @caseId) ORDER BY c.at DESC`, { "@corpsId": corpsId, "@caseId": caseId }, AccessLine),
      /** The corps' newest lines, whatever case (the DPO's and coordinators' corps-wide log). */
      listForCorps: (corpsId: string, max = 50) =>
        query(c.access, `SELECT TOP ${Math.floor(max)} * FROM c WHERE c.corpsId = @corpsId ORDER BY c.at DESC`, { "@corpsId": corpsId }, AccessLine),
      /** Every line naming a case, as stored (an erasure rewrites or removes them). */
      allForCase: (corpsId: string, caseId: string) =>
        query(c.access, "SELECT * FROM c WHERE c.corpsId = @corpsId AND ARRAY_CONTAINS(c.caseIds, @caseId)", { "@corpsId": corpsId, "@caseId": caseId }, AccessLine),
      /** Erasure only: a line rewritten without the erased case, or removed. */
      replace: async (line: AccessLine) => void (await c.access.items.upsert(AccessLine.parse(line))),
      delete: (corpsId: string, id: string) => remove(c.access, id, corpsId),
    },
    jobs: {
      /** "duplicate" when a job with this id exists already (one nudge per case and day). */
      create: (doc: Job) => createOnce(c.jobs, Job.parse(doc)),
      get: (corpsId: string, id: string) => pointRead(c.jobs, id, corpsId, Job),
      /** A finished job is removed: the due query scans the container, so it holds only work to do. */
      delete: (corpsId: string, id: string) => remove(c.jobs, id, corpsId),
      /** Jobs about a case, of any status (an erasure removes them, or the case from a message about several). */
      listForCase: (corpsId: string, caseId: string) =>
        query(
          c.jobs,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND (c.caseId = @caseId OR ARRAY_CONTAINS(c.message.caseIds, @caseId))",
          { "@corpsId": corpsId, "@caseId": caseId },
          Job,
        ),
      /** Erasure only: a message about several cases, without the erased one. */
      upsert: async (doc: Job) => void (await c.jobs.items.upsert(Job.parse(doc))),
      /**
       * Jobs to run now, across corps (the scheduler's one cross-partition query): pending ones that are due,
       * and claimed ones whose runner died before finishing (claimed before `staleClaimBefore`).
       */
      due: async (now: Date, staleClaimBefore: Date, max: number): Promise<Array<Versioned<Job>>> => {
        const { resources } = await c.jobs.items
          .query({
            query: `SELECT TOP ${Math.floor(max)} * FROM c WHERE (c.status = 'pending' AND c.dueAt <= @now) OR (c.status = 'claimed' AND c.claimedAt <= @stale) ORDER BY c.dueAt`,
            parameters: [
              { name: "@now", value: now.toISOString() },
              { name: "@stale", value: staleClaimBefore.toISOString() },
            ],
          })
          .fetchAll();
        return resources.flatMap((r) => {
          const doc = parsed(c.jobs, r, Job);
          return doc ? [{ doc, etag: String(r._etag) }] : [];
        });
      },
      /** Pending jobs of a kind, due or not, across corps (start-up: what a previous process left half done). */
      pendingOfKind: async (kind: Job["kind"]): Promise<Array<Versioned<Job>>> => {
        const { resources } = await c.jobs.items
          .query({ query: "SELECT * FROM c WHERE c.kind = @kind AND c.status = 'pending'", parameters: [{ name: "@kind", value: kind }] })
          .fetchAll();
        return resources.flatMap((r) => {
          const doc = parsed(c.jobs, r, Job);
          return doc ? [{ doc, etag: String(r._etag) }] : [];
        });
      },
      /** Removes finished messages older than `before` (the hourly plan; a cross-partition query); how many. */
      purgeFinishedMessages: async (before: Date): Promise<number> => {
        const { resources } = await c.jobs.items
          .query({
            query: "SELECT c.id, c.corpsId FROM c WHERE c.kind = 'message' AND (c.status = 'done' OR c.status = 'skipped') AND c.finishedAt < @before",
            parameters: [{ name: "@before", value: before.toISOString() }],
          })
          .fetchAll();
        for (const r of resources as Array<{ id: string; corpsId: string }>) await c.jobs.item(r.id, r.corpsId).delete().catch(() => undefined);
        return resources.length;
      },
      /** Conditional replace: the new ETag, or undefined if someone else changed (claimed) the job first. */
      replaceIfUnchanged: async (doc: Job, etag: string): Promise<string | undefined> => {
        try {
          const res = await c.jobs.item(doc.id, doc.corpsId).replace(Job.parse(doc), { accessCondition: { type: "IfMatch", condition: etag } });
          return res.etag;
        } catch (e) {
          if (statusOf(e) === 412 || statusOf(e) === 404) return undefined; // changed or removed meanwhile
          throw e;
        }
      },
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
