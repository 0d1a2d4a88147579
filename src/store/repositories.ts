// One small repository per aggregate over @azure/cosmos. Documents are validated with the domain's
// zod schemas on the way in and out; Cosmos' system properties stay here (the ETag travels separately).
import type { Container, ItemDefinition } from "@azure/cosmos";
import { z } from "zod";
import { Job } from "../domain/jobs";
import { emptyMeasuresRollup, MeasuresRollup, measuresRollupId } from "../domain/measures";
import { Case, Corps, Directory, Entry, Member, memberDocId } from "../domain/model";
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

async function pointRead<S extends z.ZodTypeAny>(c: Container, id: string, pk: string, schema: S): Promise<Versioned<z.infer<S>> | undefined> {
  try {
    const { resource, etag } = await c.item(id, pk).read<ItemDefinition>();
    return resource ? { doc: schema.parse(resource), etag } : undefined;
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

async function query<S extends z.ZodTypeAny>(c: Container, sql: string, params: Record<string, string>, schema: S): Promise<Array<z.infer<S>>> {
  const { resources } = await c.items
    .query({ query: sql, parameters: Object.entries(params).map(([name, value]) => ({ name, value })) })
    .fetchAll();
  return resources.map((r) => schema.parse(r));
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

export function createRepositories(c: Containers) {
  return {
    directory: {
      get: (id: string) => pointRead(c.directory, id, id, Directory).then((v) => v?.doc),
      upsert: async (doc: Directory) => void (await c.directory.items.upsert(Directory.parse(doc))),
    },
    corps: {
      get: (corpsId: string) => pointRead(c.corps, corpsId, corpsId, Corps).then((v) => v?.doc),
      upsert: async (doc: Corps) => void (await c.corps.items.upsert(Corps.parse(doc))),
      /** Any corps at all? (decides whether to seed demo data) */
      any: async () => (await c.corps.items.query("SELECT TOP 1 c.id FROM c").fetchAll()).resources.length > 0,
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
      create: async (doc: Case) => void (await c.corps.items.create(Case.parse(doc))),
      upsert: async (doc: Case) => void (await c.corps.items.upsert(Case.parse(doc))),
      /**
       * Applies `change` to the case as read (`current`); if someone changed it meanwhile, re-reads and
       * applies the change again (a few times) rather than overwrite theirs.
       */
      update: async (
        corpsId: string,
        caseId: string,
        current: Versioned<Case>,
        change: (c: Case) => Case,
      ): Promise<{ before: Case; after: Case }> => {
        let got: Versioned<Case> | undefined = current;
        for (let attempt = 0; attempt < 3 && got; attempt++) {
          const next = change(got.doc);
          try {
            await c.corps.item(caseId, corpsId).replace(Case.parse(next), { accessCondition: { type: "IfMatch", condition: got.etag } });
            return { before: got.doc, after: next };
          } catch (e) {
            if (statusOf(e) !== 412) throw e;
            got = await pointRead(c.corps, caseId, corpsId, Case);
          }
        }
        throw new ConflictError(`case ${caseId} kept changing`);
      },
    },
    entries: {
      /** Creates the entry; "duplicate" if an entry with this id exists (a replayed submission). */
      create: (doc: Entry) => createOnce(c.entries, Entry.parse(doc)),
      get: (corpsId: string, id: string) => pointRead(c.entries, id, corpsId, Entry).then((v) => v?.doc),
      listForCase: (corpsId: string, caseId: string) =>
        query(
          c.entries,
          "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.caseId = @caseId ORDER BY c.createdAt",
          { "@corpsId": corpsId, "@caseId": caseId },
          Entry,
        ),
    },
    rollups: {
      getMeasures: (corpsId: string) =>
        pointRead(c.rollups, measuresRollupId(corpsId), corpsId, MeasuresRollup).then((v) => v?.doc ?? emptyMeasuresRollup(corpsId)),
      putMeasures: async (doc: MeasuresRollup) => void (await c.rollups.items.upsert(MeasuresRollup.parse(doc))),
      /** Applies `change` to the corps' measures rollup; ETag-guarded, re-read and re-applied on a concurrent write. */
      updateMeasures: async (corpsId: string, change: (r: MeasuresRollup) => MeasuresRollup): Promise<void> => {
        for (let attempt = 0; attempt < 5; attempt++) {
          const got = await pointRead(c.rollups, measuresRollupId(corpsId), corpsId, MeasuresRollup);
          const next = MeasuresRollup.parse(change(got?.doc ?? emptyMeasuresRollup(corpsId)));
          try {
            if (got) await c.rollups.item(next.id, corpsId).replace(next, { accessCondition: { type: "IfMatch", condition: got.etag } });
            else await c.rollups.items.create(next);
            return;
          } catch (e) {
            if (statusOf(e) !== 412 && statusOf(e) !== 409) throw e;
          }
        }
        throw new ConflictError(`rollup of ${corpsId} kept changing`);
      },
    },
    jobs: {
      /** "duplicate" when a job with this id exists already (one nudge per case and day). */
      create: (doc: Job) => createOnce(c.jobs, Job.parse(doc)),
      get: (corpsId: string, id: string) => pointRead(c.jobs, id, corpsId, Job),
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
        return resources.map((r) => ({ doc: Job.parse(r), etag: String(r._etag) }));
      },
      /** Conditional replace: the new ETag, or undefined if someone else changed (claimed) the job first. */
      replaceIfUnchanged: async (doc: Job, etag: string): Promise<string | undefined> => {
        try {
          const res = await c.jobs.item(doc.id, doc.corpsId).replace(Job.parse(doc), { accessCondition: { type: "IfMatch", condition: etag } });
          return res.etag;
        } catch (e) {
          if (statusOf(e) === 412) return undefined;
          throw e;
        }
      },
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
