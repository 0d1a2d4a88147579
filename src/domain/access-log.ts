// Who read which case, when and through which flow (issue 22; GDPR art. 15 as the CJEU read it in C-579/21: a
// citizen may ask for the dates and purposes of look-ups). One line per request and kind of access, naming the cases
// it touched — never their content. The flows record as they read (src/store/access.ts); the line is written before
// the answer leaves, so no case is shown without it.
import { z } from "zod";
import { CaseCode, CorpsId, Guid, IsoTime } from "./model";

/**
 * What happened to the case: read (shown to the person), created, updated, counted in aggregate figures only, or
 * exported whole (an access request), or erased (src/domain/erasure.ts: the one line kept of an erased case).
 */
export const ACCESS_ACTIONS = ["read", "create", "update", "aggregate", "export", "erase"] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/**
 * As whom the person reached the case: its coach, a coordinator of the corps, or a leader's figures — or Løft itself
 * (the retention period's erasure).
 */
export const ACCESS_ROLES = ["coach", "coordinator", "leader", "system"] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** At most this many cases on one line (a corps' list or dashboard names each case it read). */
export const ACCESS_CASES_MAX = 2000;

export const AccessLine = z.object({
  type: z.literal("access"),
  id: z.string().min(1).max(100),
  corpsId: CorpsId,
  at: IsoTime,
  /** aadObjectId of the person. */
  by: Guid,
  role: z.enum(ACCESS_ROLES),
  action: z.enum(ACCESS_ACTIONS),
  /** The flow: a card's verb ("cases.open") or an API route ("api:mine"); named for readers by flowName. */
  flow: z.string().min(1).max(60),
  caseIds: z.array(z.string().min(1).max(100)).min(1).max(ACCESS_CASES_MAX),
  /** Only on an erasure's line: the erased case's code (nothing else of it is left to name it by). */
  code: CaseCode.optional(),
});
export type AccessLine = z.infer<typeof AccessLine>;

/** One access as a flow records it. */
export interface Access {
  action: AccessAction;
  role: AccessRole;
  caseIds: readonly string[];
}

/**
 * The lines a request writes: one per kind of access (action × role), each naming every case it touched once, in the
 * order first touched. `id`: the request's own prefix, so a line is never written twice.
 */
export function accessLines(requestId: string, corpsId: string, by: string, flow: string, at: Date, accesses: readonly Access[]): AccessLine[] {
  const groups = new Map<string, { action: AccessAction; role: AccessRole; caseIds: Set<string> }>();
  for (const a of accesses) {
    if (a.caseIds.length === 0) continue;
    const key = `${a.action}:${a.role}`;
    const g = groups.get(key) ?? groups.set(key, { action: a.action, role: a.role, caseIds: new Set() }).get(key)!;
    for (const id of a.caseIds) g.caseIds.add(id);
  }
  return [...groups.entries()].flatMap(([key, g]) => {
    const ids = [...g.caseIds];
    // A very large corps: split, so no line exceeds the cap.
    return Array.from({ length: Math.ceil(ids.length / ACCESS_CASES_MAX) }, (_, i) => ({
      type: "access" as const,
      id: `${requestId}:${key}:${i}`,
      corpsId,
      at: at.toISOString(),
      by: by.toLowerCase(),
      role: g.role,
      action: g.action,
      flow: flow.slice(0, 60),
      caseIds: ids.slice(i * ACCESS_CASES_MAX, (i + 1) * ACCESS_CASES_MAX),
    }));
  });
}

/** A flow's name for a reader (the coordinator's log card, an export), from its verb or route. */
export function flowName(flow: string, lang: "da" | "en"): string {
  const bare = flow.replace(/^api:/, "");
  const [area] = bare.split(/[.:/]/);
  const names: Record<string, [string, string]> = {
    prepare: ["forbered samtale", "prepare conversation"],
    reflect: ["efter samtale", "after conversation"],
    closing: ["afslutningssamtale", "closing dialogue"],
    measure: ["målinger", "measures"],
    checkin: ["månedlig status", "monthly status"],
    summary: ["månedlig status: koordinatorens overblik", "monthly status: the coordinators' view"],
    cases: ["mine forløb", "my cases"],
    entries: ["mine registreringer", "my entries"],
    entry: ["ret registrering", "correct an entry"],
    form: ["samtaleskema", "conversation form"],
    concern: ["akut bekymring", "urgent concern"],
    meeting: ["bed om et møde", "ask for a meeting"],
    proposal: ["foreslå et mål", "propose a goal"],
    notheld: ["samtalen blev ikke holdt", "conversation not held"],
    after: ["efterrefleksion", "after-reflection"],
    coord: ["koordinering", "coordination"],
    menu: ["menu", "menu"],
    mine: ["fanen: mine forløb", "tab: my cases"],
    "tab-cases": ["fanen: forløb", "tab: cases"],
    dashboard: ["fanen: korpsets tal", "tab: the corps' figures"],
    learning: ["eksport: læring til infohuset", "export: learning for the infohus"],
    access: ["adgangslog", "access log"],
    export: ["eksport: indsigt", "export: access request"],
    erase: ["sletning", "erasure"],
    retention: ["opbevaringsperioden udløb", "retention period ended"],
    "retention.text": ["fritekst fjernet efter korpsets valg", "free text removed as the corps chose"],
    "coord.access": ["adgangslog", "access log"],
  };
  const found = names[bare] ?? names[area];
  return found ? found[lang === "da" ? 0 : 1] : area;
}

/** How many codes a line names before it says "n forløb" instead (a corps' list names every case). */
export const CODES_NAMED = 3;

/**
 * The cases a line names, as a reader of the corps' log sees them: their codes (an erased case's from its erasure's
 * line), or how many when a list named many. `codes`: case id → code, of the cases that exist and the erased ones.
 */
export function namedCases(line: Pick<AccessLine, "caseIds" | "code">, codes: ReadonlyMap<string, string>): { codes: string[]; more: number } {
  const known = line.caseIds.map((id) => (line.code && line.caseIds.length === 1 ? line.code : codes.get(id) ?? "?"));
  return known.length > CODES_NAMED ? { codes: [], more: known.length } : { codes: known, more: 0 };
}
