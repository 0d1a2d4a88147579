// A small corps written with the repositories, as the bot's flows would leave it: cases with their read models
// (progress, measures, method counts built from real preparation and reflection entries), for the dashboard's tests.
import { teamKey } from "../../src/domain/corps";
import { methodOf } from "../../src/domain/fidelity";
import { DEMO } from "../../src/domain/demo";
import { Case, memberDocId, userKey, type CaseKind, type CloseReason, type Entry, type Role } from "../../src/domain/model";
import type { Store } from "../../src/store";

export interface SmallCase {
  code: string;
  kind: CaseKind;
  coach: string;
  openedAt: string;
  closedAt?: string;
  reason?: CloseReason;
  dimensions: number[];
  who5?: { pre: [string, number]; post?: [string, number] };
  gse?: { pre: [string, number]; post?: [string, number] };
  /** Progress scores (1–10) at these instants. */
  progress?: Array<[string, number]>;
  /** A conversation prepared and reflected on two hours later, at each of these instants. */
  conversations?: string[];
}

export interface SmallCorps {
  corpsId: string;
  teamId: string;
  name: string;
  people: Array<{ id: string; name: string; roles: Role[] }>;
  cases: SmallCase[];
  /** Default: the demo's tenant. */
  tenantId?: string;
  municipalityCode?: string;
}

const HOUR = 3_600_000;
const at = (iso: string, plusHours = 0) => new Date(Date.parse(iso) + plusHours * HOUR).toISOString();

export async function seedSmallCorps(store: Store, corps: SmallCorps): Promise<void> {
  const { repos } = store;
  const { corpsId, teamId } = corps;
  const tenantId = corps.tenantId ?? DEMO.tenantId;
  for (const p of corps.people) {
    await repos.members.upsert({ type: "member", id: memberDocId(p.id), corpsId, aadObjectId: p.id, name: p.name, roles: p.roles });
    await repos.directory.upsert({ id: userKey(tenantId, p.id), memberships: [{ corpsId, roles: p.roles }] });
  }
  const coordinator = corps.people.find((p) => p.roles.includes("coordinator"))?.id ?? corps.people[0].id;
  for (const c of corps.cases) {
    const id = `case-${c.code.toLowerCase()}`;
    const entries: Entry[] = (c.conversations ?? []).flatMap((t, i): Entry[] => [
      { type: "preparation", id: `${id}-p${i}`, corpsId, caseId: id, authorId: c.coach, createdAt: at(t, -24), plannedAt: t, answers: ["", "", "", ""], focusGoalIds: [], safety: { place: "yes", roles: "yes", assumptions: "yes", risk: "yes" } } as Entry,
      { type: "reflection", id: `${id}-r${i}`, corpsId, caseId: id, authorId: c.coach, createdAt: at(t, 2), answers: ["", "", "", "", "", "", "", ""], goalScores: [], match: "ja", wantsSparring: false } as Entry,
    ]);
    for (const e of entries) await repos.entries.create(e);
    const pp = (m?: { pre: [string, number]; post?: [string, number] }) =>
      m && { pre: { at: m.pre[0], score: m.pre[1] }, ...(m.post ? { post: { at: m.post[0], score: m.post[1] } } : {}) };
    await repos.cases.upsert(
      Case.parse({
        type: "case",
        id,
        corpsId,
        code: c.code,
        kind: c.kind,
        coachId: c.coach,
        coordinatorId: coordinator,
        status: c.closedAt ? "closed" : "active",
        referral: { receivedAt: at(c.openedAt, -24 * 14), dimensions: c.dimensions },
        goalForm: { worries: "", working: "", goals: [{ id: "g1", text: "Komme i skole hver dag", score: 3 }] },
        openedAt: c.openedAt,
        ...(c.closedAt ? { closedAt: c.closedAt, closeReason: c.reason ?? "other" } : {}),
        ...(c.progress ? { progress: c.progress.map(([t, value]) => ({ at: t, value })) } : {}),
        measures: { ...(c.who5 ? { who5: pp(c.who5) } : {}), ...(c.gse ? { gse: pp(c.gse) } : {}) },
        method: methodOf(entries),
        version: 1,
      }),
    );
  }
  await repos.corps.upsert({ type: "corps", id: corpsId, corpsId, name: corps.name, tenantId, teamId, channelId: teamId, extraDaysOff: [], setup: "done", ...(corps.municipalityCode ? { municipalityCode: corps.municipalityCode } : {}) });
  await repos.teams.create({ type: "team", id: teamKey(tenantId, teamId), corpsId });
}

/** Monthly conversations from one instant to another (the 10th of each month, 10:00 UTC). */
export function monthly(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from.slice(0, 7)}-10T10:00:00Z`); d.toISOString() <= to; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 10, 10))) out.push(d.toISOString());
  return out;
}

/** The same kind of case for any corps: measures, progress every second month, a conversation a month. */
function caseOf(code: string, kind: CaseKind, coach: string, openedAt: string, more: Partial<SmallCase> = {}, end = "2026-11-20T10:00:00Z"): SmallCase {
  const until = more.closedAt ?? end;
  return {
    code,
    kind,
    coach,
    openedAt,
    dimensions: [2, 6],
    who5: { pre: [at(openedAt, 24), 44] },
    gse: { pre: [at(openedAt, 24), 21] },
    progress: ([[at(openedAt, 24 * 10), 3], [at(openedAt, 24 * 70), 5], [at(openedAt, 24 * 130), 6]] as Array<[string, number]>).filter(([t]) => t < until),
    conversations: monthly(at(openedAt, 24 * 3), until),
    ...more,
  };
}

/**
 * Six mentor cases and two relative-coach cases (issue 20, "Done when"), with three mentors and two relative
 * coaches, opened over a year before TEST_START; two closed. Six of the seven opened in 2026 were referred for
 * dimension 2 (the complement, one case, must not follow from the figures).
 */
export function sixAndTwo(corpsId: string, teamId: string, leader: string): SmallCorps {
  const m = ["0000000e-0000-0000-0000-000000000011", "0000000e-0000-0000-0000-000000000012", "0000000e-0000-0000-0000-000000000013"];
  const r = ["0000000e-0000-0000-0000-000000000021", "0000000e-0000-0000-0000-000000000022"];
  const mk = caseOf;
  return {
    corpsId,
    teamId,
    name: "Seks og To Kommune",
    people: [
      { id: leader, name: "Lene Leder", roles: ["leader"] },
      { id: "0000000e-0000-0000-0000-000000000001", name: "Kim Koordinator", roles: ["coordinator"] },
      ...m.map((id, i) => ({ id, name: `Mentor ${i + 1}`, roles: ["mentor"] as Role[] })),
      ...r.map((id, i) => ({ id, name: `Pårørendecoach ${i + 1}`, roles: ["relativeCoach"] as Role[] })),
    ],
    cases: [
      mk("ME-6A01", "mentor", m[0], "2025-11-12T09:00:00Z", { closedAt: "2026-06-15T09:00:00Z", reason: "goalsReached", who5: { pre: ["2025-11-13T09:00:00Z", 40], post: ["2026-06-14T09:00:00Z", 64] }, dimensions: [1, 6] }),
      mk("ME-6A02", "mentor", m[0], "2026-01-20T09:00:00Z", { dimensions: [2, 7] }),
      mk("ME-6A03", "mentor", m[1], "2026-03-03T09:00:00Z"),
      mk("ME-6A04", "mentor", m[1], "2026-05-18T09:00:00Z", { dimensions: [2, 9] }),
      mk("ME-6A05", "mentor", m[2], "2026-08-04T09:00:00Z"),
      mk("ME-6A06", "mentor", m[2], "2026-10-01T09:00:00Z", { dimensions: [2, 8] }),
      mk("PC-6B01", "relativeCoach", r[0], "2026-02-09T09:00:00Z", { closedAt: "2026-09-30T09:00:00Z", reason: "noProgress", dimensions: [2, 8] }),
      mk("PC-6B02", "relativeCoach", r[1], "2026-07-07T09:00:00Z", { dimensions: [4, 8] }),
    ],
  };
}

/**
 * A corps that began this year: eight cases all opened in 2026, three of them closed — so of the year's new cases,
 * closed cases and today's active cases (which add up), only the closed ones are small; all but one case were
 * referred for dimension 2 (so "named for dimension 2" is large and its complement small).
 */
export function youngCorps(corpsId: string, teamId: string, leader: string): SmallCorps {
  const m = ["0000000f-0000-0000-0000-000000000011", "0000000f-0000-0000-0000-000000000012", "0000000f-0000-0000-0000-000000000013"];
  const r = ["0000000f-0000-0000-0000-000000000021"];
  return {
    corpsId,
    teamId,
    name: "Ung Kommune",
    people: [
      { id: leader, name: "Ulla Leder", roles: ["leader"] },
      ...m.map((id, i) => ({ id, name: `Mentor ${i + 1}`, roles: ["mentor"] as Role[] })),
      ...r.map((id) => ({ id, name: "Pårørendecoach", roles: ["relativeCoach"] as Role[] })),
    ],
    cases: [
      caseOf("ME-7A01", "mentor", m[0], "2026-01-12T09:00:00Z", { closedAt: "2026-07-01T09:00:00Z", reason: "goalsReached" }),
      caseOf("ME-7A02", "mentor", m[0], "2026-01-26T09:00:00Z", { closedAt: "2026-09-01T09:00:00Z", reason: "goalsReached" }),
      caseOf("ME-7A03", "mentor", m[1], "2026-02-09T09:00:00Z", { closedAt: "2026-10-05T09:00:00Z", reason: "citizenEnded" }),
      caseOf("ME-7A04", "mentor", m[1], "2026-03-02T09:00:00Z", { dimensions: [3, 6] }),
      caseOf("ME-7A05", "mentor", m[2], "2026-03-16T09:00:00Z"),
      caseOf("ME-7A06", "mentor", m[2], "2026-04-13T09:00:00Z"),
      caseOf("ME-7A07", "mentor", m[0], "2026-05-04T09:00:00Z"),
      caseOf("PC-7B01", "relativeCoach", r[0], "2026-06-01T09:00:00Z"),
    ],
  };
}

/** A corps of three cases and two coaches (issue 20, "Done when": what a small corps sees), led by `leader`. */
export function threeCases(corpsId: string, teamId: string, leader: string, name = "Lille Kommune"): SmallCorps {
  const [a, b] = ["0000000c-0000-0000-0000-000000000011", "0000000c-0000-0000-0000-000000000012"];
  return {
    corpsId,
    teamId,
    name,
    people: [
      { id: leader, name: "Lis Leder", roles: ["leader"] },
      { id: "0000000c-0000-0000-0000-000000000001", name: "Kaj Koordinator", roles: ["coordinator"] },
      { id: a, name: "Mette Mentor", roles: ["mentor"] },
      { id: b, name: "Per Pårørendecoach", roles: ["relativeCoach"] },
    ],
    cases: [
      caseOf("ME-3A01", "mentor", a, "2026-02-16T09:00:00Z"),
      caseOf("ME-3A02", "mentor", a, "2026-06-08T09:00:00Z", { dimensions: [1, 9] }),
      caseOf("PC-3B01", "relativeCoach", b, "2026-04-20T09:00:00Z", { dimensions: [4, 8] }),
    ],
  };
}
