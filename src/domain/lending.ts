// Lending a mentor or relative coach to another corps for one case (issue 24; 001 §3.3: the coordinator is the
// corps' entry «i forhold til evt. udlån af mentorer og pårørendecoaches til andre kommuner»). Pure rules; the bot's
// verbs (bot/verbs/lending.ts) and src/store/lending.ts read and write.
//
// The borrowing corps' coordinator asks another corps, from a case, for a coach of the case's kind (and, optionally, a
// specialisation). The lending corps' coordinator agrees and names the person, or says no. When agreed, the person is
// the case's coach as a *guest* of the borrowing corps: a member document there that reaches exactly the cases they
// coach (the one lent), is offered for nothing else (no new cases, no gatherings, not on the set-up card), and holds
// no other role. The case and everything written about it stay with the borrowing corps. The lending ends when the
// case closes, or when either coordinator ends it; the guest then loses the case at once.
import { z } from "zod";
import { findIdentifiers } from "./privacy";
import { CaseKind, CorpsId, Guid, IsoTime, type Case, type Corps, type Member } from "./model";
import { municipalityByCode } from "./municipalities";

export const LENDING_STATUSES = ["asked", "agreed", "declined", "ended"] as const;
export const SPECIALISATION_MAX = 200;

/** The lending, in the borrowing corps' partition (the source of truth). */
export const Lending = z.object({
  type: z.literal("lending"),
  id: z.string().regex(/^lending-[0-9a-f-]{36}$/),
  /** The borrowing corps (the case's). */
  corpsId: CorpsId,
  lenderCorpsId: CorpsId,
  caseId: z.string().min(1),
  kind: CaseKind,
  specialisation: z.string().max(SPECIALISATION_MAX).optional(),
  status: z.enum(LENDING_STATUSES),
  askedBy: Guid,
  askedAt: IsoTime,
  /** The person lent, as the lending corps knows them (their tenant: the lending corps'). */
  guest: z.object({ aadObjectId: Guid, name: z.string().min(1).max(200), tenantId: Guid }).optional(),
  answeredBy: Guid.optional(),
  answeredAt: IsoTime.optional(),
  endedBy: Guid.optional(),
  endedAt: IsoTime.optional(),
  /** Why it ended: the case closed, or a coordinator ended it. */
  endedBecause: z.enum(["caseClosed", "borrower", "lender", "guestLeft"]).optional(),
});
export type Lending = z.infer<typeof Lending>;

/** Where the lending corps finds it: a pointer in its own partition (written once, when asked). */
export const LendingRef = z.object({
  type: z.literal("lendingRef"),
  id: z.string().regex(/^lending-[0-9a-f-]{36}$/),
  corpsId: CorpsId,
  borrowerCorpsId: CorpsId,
});
export type LendingRef = z.infer<typeof LendingRef>;

export const isGuest = (m: Pick<Member, "guest">) => m.guest !== undefined;

/** The corps one may ask: every other corps set up and still in its team. */
export const lendersFor = (corps: readonly Corps[], own: string) =>
  corps.filter((c) => c.corpsId !== own && !c.removedAt && c.setup !== "pending").sort((a, b) => a.name.localeCompare(b.name, "da"));

/** A lending under way for the case (asked or agreed), if any: a case has one at a time. */
export const currentLending = (lendings: readonly Lending[], caseId: string) => lendings.find((l) => l.caseId === caseId && (l.status === "asked" || l.status === "agreed"));

export type AskProblem = { field: "lender" | "specialisation"; code: "required" | "invalid" | "tooLong" | "cpr" | "phone" | "email" };

/** The borrowing coordinator's request from a case: which corps, and a specialisation (optional, privacy-guarded). */
export function decideAsk(
  values: Record<string, string>,
  c: Case | undefined,
  asker: Pick<Member, "corpsId" | "roles">,
  lenders: readonly Corps[],
  lendings: readonly Lending[],
): { kind: "ok"; lenderCorpsId: string; specialisation?: string } | { kind: "refused"; problems: AskProblem[] } | { kind: "stale"; reason: "notFound" | "closed" | "underWay" } {
  if (!c || c.corpsId !== asker.corpsId || !asker.roles.includes("coordinator")) return { kind: "stale", reason: "notFound" };
  if (c.status === "closed") return { kind: "stale", reason: "closed" };
  if (currentLending(lendings, c.id)) return { kind: "stale", reason: "underWay" };
  const problems: AskProblem[] = [];
  const lender = (values.lender ?? "").trim();
  if (!lender) problems.push({ field: "lender", code: "required" });
  else if (!lenders.some((x) => x.corpsId === lender)) problems.push({ field: "lender", code: "invalid" });
  const specialisation = (values.specialisation ?? "").trim();
  if (specialisation.length > SPECIALISATION_MAX) problems.push({ field: "specialisation", code: "tooLong" });
  else for (const found of findIdentifiers(specialisation)) problems.push({ field: "specialisation", code: found });
  if (problems.length > 0) return { kind: "refused", problems };
  return { kind: "ok", lenderCorpsId: lender, ...(specialisation ? { specialisation } : {}) };
}

/** The coaches of the lending corps who may be lent for a lending: its own mentors (or relative coaches), not guests, not gone. */
export const lendable = (members: readonly Member[], kind: Case["kind"]) =>
  members.filter((m) => !m.leftAt && !isGuest(m) && m.roles.includes(kind)).sort((a, b) => a.name.localeCompare(b.name, "da"));

/** The lending corps' coordinator answers: yes with a person, or no. Only an asked lending can be answered. */
export function decideAnswer(
  l: Lending | undefined,
  answerer: Pick<Member, "corpsId" | "roles">,
  yes: boolean,
  personId: string | undefined,
  members: readonly Member[],
): { kind: "agreed"; guest: Member } | { kind: "declined" } | { kind: "refused"; problem: "required" | "invalid" } | { kind: "stale"; reason: "notFound" | "answered" } {
  if (!l || l.lenderCorpsId !== answerer.corpsId || !answerer.roles.includes("coordinator")) return { kind: "stale", reason: "notFound" };
  if (l.status !== "asked") return { kind: "stale", reason: "answered" };
  if (!yes) return { kind: "declined" };
  if (!personId) return { kind: "refused", problem: "required" };
  const guest = lendable(members, l.kind).find((m) => m.aadObjectId.toLowerCase() === personId.toLowerCase());
  return guest ? { kind: "agreed", guest } : { kind: "refused", problem: "invalid" };
}

/** Who may end a lending: a coordinator of either corps, while it is asked or agreed. */
export function mayEnd(l: Lending | undefined, m: Pick<Member, "corpsId" | "roles">): "borrower" | "lender" | undefined {
  if (!l || (l.status !== "asked" && l.status !== "agreed") || !m.roles.includes("coordinator")) return undefined;
  return m.corpsId === l.corpsId ? "borrower" : m.corpsId === l.lenderCorpsId ? "lender" : undefined;
}

/** The guest's member document in the borrowing corps: the case's kind as their one role, and whence they came. */
export function guestMember(l: Lending, home: Member, tenantId: string): Member {
  return {
    type: "member",
    id: home.id,
    corpsId: l.corpsId,
    aadObjectId: home.aadObjectId.toLowerCase(),
    name: home.name,
    roles: [l.kind],
    guest: { lendingId: l.id, homeCorpsId: home.corpsId, tenantId },
    ...(home.teamsUserId ? { teamsUserId: home.teamsUserId } : {}),
    ...(home.conversation ? { conversation: home.conversation } : {}),
    ...(home.locale ? { locale: home.locale } : {}),
  };
}

/** A corps as another corps reads its name: "Odense (Seks og To Kommune)", or its name alone. */
export const corpsName = (c: Pick<Corps, "name" | "municipalityCode"> | undefined) => {
  if (!c) return "?";
  const m = c.municipalityCode ? municipalityByCode(c.municipalityCode)?.name : undefined;
  return m && m !== c.name ? `${m} (${c.name})` : c.name;
};
