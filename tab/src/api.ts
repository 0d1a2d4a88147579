// The tab's calls to its API, with the caller's bearer token (Teams SSO, or the local dev sign-in).
/** A figure with the cases it rests on (method figures: and the practitioners); none (no case); or hidden. */
export type Figure = { value: number; n: number; practitioners?: number } | { value: null; n: 0 } | { suppressed: true };
export interface Group<K extends string = string> {
  total: Figure;
  parts: Record<K, Figure>;
}
export type Kind = "all" | "mentor" | "relativeCoach";
export type MethodShare = "preparedShare" | "reflectedShare" | "timelyShare" | "checkInsAnsweredShare";
export interface Dashboard {
  period: { id: string; level: "year" | "half" | "quarter"; from: string; to: string; quarters: string[] };
  /** The periods that may be asked for, years first, newest first. */
  periods: string[];
  kind: Kind;
  minCases: number;
  minPractitioners: number;
  overview: {
    active: Group<"mentor" | "relativeCoach">;
    newPerQuarter: Group;
    closedPerQuarter: Group;
    closeReasons: Group<"goalsReached" | "noProgress" | "citizenEnded" | "moved" | "noContact" | "declined" | "other">;
    meanDays: Figure;
  };
  progress: { firstMean: Figure; latestMean: Figure; improvingShare: Figure };
  /** Cases closed in the period with a joint after-reflection, and how many named each theme (counts, never text). */
  learning: { reflected: Figure; themes: Record<string, Figure> };
  referrals: { opened: Figure; dimensions: Record<string, Figure> };
  measures: { who5: { preMean: Figure; postMean: Figure; improvedShare: Figure }; gse: { preMean: Figure; postMean: Figure } };
  method: { practitioners: number; why?: "practitioners" | "hidden" } & Record<MethodShare, Figure>;
}

/** The national figures: a dashboard over every corps, as computed at `computedAt` (hourly), over `corpsCount` corps. */
export interface National extends Dashboard {
  computedAt: string;
  corpsCount: number;
}
/** A corps on the national centre's list. */
export interface CorpsListing {
  corpsId: string;
  name: string;
  municipality?: string;
  coordinators: string[];
  departures: Array<{ name: string; roles: string[]; at: string }>;
  active: Figure;
  pending?: true;
  removedAt?: string;
}

/** A coach's own figures (GET /api/mine): theirs alone. */
export interface Mine {
  name: string;
  /** The server's now. */
  asOf: string;
  cases: Array<{
    code: string;
    kind: "mentor" | "relativeCoach";
    status: "referred" | "clarifying" | "active" | "paused" | "closing" | "closed";
    openedAt: string;
    closedAt?: string;
    closeReason?: string;
    goals: Array<{ id: string; text: string; scores: Array<{ at: string; score: number }> }>;
    progress: Array<{ at: string; value: number }>;
    measures: Partial<Record<"who5" | "gse", { pre?: { at: string; score: number }; post?: { at: string; score: number }; change?: number }>>;
  }>;
  months: Array<{ month: string; prepared: number; reflectedOn: number; reflections: number; afterPreparation: number; within24h: number }>;
}
export type Area = "leadership" | "communication" | "involvement" | "processAndCulture" | "organisation" | "training" | "followUp" | "evaluation";
export type PlanStatus = "notStarted" | "underway" | "done";
export interface PlanFields {
  timeline: string;
  area: Area;
  activities: string;
  milestones: string;
  responsible: string;
  status: PlanStatus;
  evaluation: string;
}
export interface PlanRow extends PlanFields {
  id: string;
  version: number;
  updatedAt: string;
}
export type CheckAnswer = "ja" | "delvist" | "nej";
export interface Implementation {
  rows: PlanRow[];
  checklist: Record<string, CheckAnswer>;
  checklists: { preparation: string[]; ongoing: string[] };
  /** The corps gatherings held this year, and the checklists' questions they belong with. */
  gatherings?: { year: number; held: number; questions: string[] };
}
export type SaveOutcome =
  | { kind: "saved"; row: PlanRow }
  | { kind: "refused"; problems: Array<{ field: keyof PlanFields; code: "cpr" | "phone" | "email" | "tooLong" | "required" | "invalid" }> }
  | { kind: "conflict"; row?: PlanRow }
  | { kind: "full" };

/** A lending between corps under way: the other corps, whom (once agreed), since when; borrowed ones name the case. */
export interface LendingLine {
  kind: "mentor" | "relativeCoach";
  corps: string;
  guest: string | null;
  status: "asked" | "agreed";
  since: string;
}
export interface Lendings {
  borrowed: Array<LendingLine & { caseId: string; code: string | null }>;
  lent: LendingLine[];
}

/** A case as the coordinator's «Forløb» lists it (GET /api/cases): no content, no names. */
export interface CaseSummary {
  id: string;
  code: string;
  kind: "mentor" | "relativeCoach";
  status: "referred" | "clarifying" | "active" | "paused" | "closing" | "closed";
  openedAt: string;
  closedAt?: string;
  lastReflectionAt?: string;
}
/**
 * One line of a case's access log (GET /api/cases/:caseId/access): when, as what, what and through which flow (already
 * named, in the language asked for). `by` is an aadObjectId the tab cannot name; role and action may gain values the tab shows as they are.
 */
/** The tab's language. */
type Lang = "da" | "en";

export interface AccessLogLine {
  at: string;
  by: string;
  role: string;
  action: string;
  flow: string;
}

/**
 * One line of the corps' access log (GET /api/access), for its DPO and coordinators: who (`name`, "" for someone no
 * longer a member), as what, what, through which flow (already named), and the cases by code — or, when the
 * line named many (a list, the corps' figures), only how many (`more`).
 */
export interface CorpsLogLine extends AccessLogLine {
  name: string;
  codes: string[];
  more: number;
}

/** The coordinator's note to the national centre (CDE) for a half-year: its text, when and by whom ("" for someone no longer a member). */
export interface HalfYearNote {
  text: string;
  at: string;
  by: string;
}
/**
 * The half-yearly questionnaire's figures (GET /api/halfyear), for the corps' coordinators: the half-year's figures
 * for the whole corps and each kind of case — exact, nothing hidden (the file for CDE hides as the leaders' overview
 * does) — the note to CDE, and the half-years that have ended (newest first).
 */
export interface HalfYear {
  period: string;
  /** "1. halvår 2026" (Danish whatever the tab's language). */
  name: string;
  periods: string[];
  figures: Record<Kind, Dashboard>;
  note: HalfYearNote | null;
}
export type NoteOutcome = { kind: "saved"; note: HalfYearNote } | { kind: "refused"; problems: Array<{ field: string; code: "cpr" | "phone" | "email" | "invalid" | string }> };

export interface Me {
  /** null for the national centre's people outside any corps. */
  name: string | null;
  roles: string[];
  /** One of the national centre's people (NATIONAL_CENTRE): sees the national view. */
  national?: true;
  /** null for the national centre's people outside any corps. */
  corps: { name: string } | null;
  /** This month (YYYY-MM, Copenhagen) by the server's clock. */
  month: string;
}

export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The caller is in several corps and nothing says which: the user picks one (then `api.inCorps(id)`). */
export class ChooseCorps extends Error {
  constructor(readonly corps: Array<{ id: string; name: string }>) {
    super("choose corps");
  }
}

/**
 * `where`: the Teams team the tab is in (its corps is the one shown; sent as X-Loft-Team) or the corps the user picked
 * (X-Loft-Corps).
 */
export function createApi(token: () => Promise<string>, where: { teamId?: string; corpsId?: string } = {}) {
  const headers = async (): Promise<Record<string, string>> => ({
    authorization: `Bearer ${await token()}`,
    ...(where.teamId ? { "X-Loft-Team": where.teamId } : {}),
    ...(where.corpsId ? { "X-Loft-Corps": where.corpsId } : {}),
  });
  /** A 409 that asks which corps (any other 409 is the caller's: a conflicting edit). */
  async function chooseCorps(res: Response) {
    if (res.status !== 409) return;
    const json = await res.clone().json().catch(() => undefined);
    if (json?.error === "choose corps") throw new ChooseCorps(json.corps);
  }
  async function send(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(path, {
      method,
      headers: { ...(await headers()), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 401 || res.status === 403 || res.status >= 500) throw new ApiError(res.status);
    await chooseCorps(res);
    return { status: res.status, json: await res.json().catch(() => undefined) };
  }
  async function get<T>(path: string): Promise<T> {
    const res = await fetch(path, { headers: await headers() });
    await chooseCorps(res);
    if (!res.ok) throw new ApiError(res.status);
    return res.json() as Promise<T>;
  }
  /** The name the server gives an attachment (Content-Disposition), if it gives one. */
  const attachmentName = (res: Response): string | undefined => {
    const header = res.headers.get("content-disposition") ?? "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) return decodeURIComponent(star[1]);
    return /filename="?([^";]+)"?/i.exec(header)?.[1];
  };
  /** A file the API answers with (an attachment) and the name the server gives it, for the tab to hand to the browser as a download. */
  async function attachment(path: string): Promise<{ blob: Blob; name?: string }> {
    const res = await fetch(path, { headers: await headers() });
    await chooseCorps(res);
    if (!res.ok) throw new ApiError(res.status);
    return { blob: await res.blob(), name: attachmentName(res) };
  }
  const file = async (path: string): Promise<Blob> => (await attachment(path)).blob;
  const query = (q: Record<string, string | undefined>) => new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]).toString();
  /**
   * The half-year's figures for CDE's questionnaire (coordinators only; the server's default is the latest half-year
   * that has ended). A half-year the server does not offer (any more) gives the latest it does; undefined when no
   * half-year has ended yet.
   */
  async function halfYear(period?: string): Promise<HalfYear | undefined> {
    const { status, json } = await send("GET", `../api/halfyear?${query({ period })}`);
    if (status === 200) return json as HalfYear;
    if (status === 400 && Array.isArray(json?.periods)) return json.periods.length > 0 && period && json.periods[0] !== period ? halfYear(json.periods[0]) : undefined;
    throw new ApiError(status);
  }
  return {
    /** The same API for the corps the user picked. */
    inCorps: (corpsId: string) => createApi(token, { ...where, corpsId }),
    /** The dashboard as a CSV file (the server decides what is hidden, as for the page). */
    csv: (q: { period?: string; kind?: string }) => file(`../api/dashboard.csv?${query(q)}`),
    /** The learning for the infohus from the after-reflections, as a CSV file (coordinators only). */
    learningCsv: () => file("../api/learning.csv"),
    /** The cases the caller may see: a coordinator the corps' (403 for a leader). Reading them is in each case's log. */
    cases: () => get<{ corps: string; cases: CaseSummary[]; lendings?: Lendings }>("../api/cases"),
    /** A case's access log, newest first (coordinators only; 404 for a case out of reach). Reading it is logged too. */
    caseAccess: (caseId: string, lang: Lang) => get<{ code: string; lines: AccessLogLine[] }>(`../api/cases/${encodeURIComponent(caseId)}/access?${query({ lang })}`),
    /**
     * The export for a citizen's access request — the case, its entries and its access log — as a Danish page or as
     * JSON (coordinators only). The export is itself written to the case's access log before the file leaves.
     */
    caseExport: (caseId: string, format: "html" | "json") => file(`../api/cases/${encodeURIComponent(caseId)}/export${format === "html" ? "?format=html" : ""}`),
    /**
     * The corps' access log, newest first: `max` lines, 1–1000 (the corps' DPO and coordinators; 403 for anyone else).
     * Reading it reaches no case, so it adds no line.
     */
    corpsAccess: (max: number, lang: Lang) => get<{ corps: string; lines: CorpsLogLine[] }>(`../api/access?${query({ max: String(max), lang })}`),
    halfYear,
    /** Saves the note to CDE for a half-year; "refused" with the problems (a CPR number, a phone number, an e-mail…). */
    async saveHalfYearNote(period: string, note: string): Promise<NoteOutcome> {
      const { status, json } = await send("PUT", `../api/halfyear/${encodeURIComponent(period)}/note`, { note });
      if (status === 200) return { kind: "saved", note: json.note };
      if (status === 400 && Array.isArray(json?.problems)) return { kind: "refused", problems: json.problems };
      throw new ApiError(status);
    },
    /**
     * The file for CDE — the half-year's figures with the leaders' hiding, and the note — as CSV or a printable page,
     * with the name the server gives it (the corps and the half-year are in it).
     */
    async halfYearFile(period: string, format: "csv" | "html"): Promise<{ blob: Blob; name: string }> {
      const { blob, name } = await attachment(`../api/halfyear.${format}?${query({ period })}`);
      return { blob, name: name ?? `loft-halvaar-${period}.${format}` };
    },
    me: () => get<Me>("../api/me"),
    /** The figures across every corps (the national centre, and every corps' leaders and coordinators). */
    national: (q: { period?: string; kind?: string }) => get<National>(`../api/national?${query(q)}`),
    nationalCsv: (q: { period?: string; kind?: string }) => file(`../api/national.csv?${query(q)}`),
    /** The corps municipalities, their coordinators and departures (the national centre only). */
    nationalCorps: () => get<{ computedAt: string; corps: CorpsListing[] }>("../api/national/corps"),
    dashboard: (q: { period?: string; kind?: string }) => get<Dashboard>(`../api/dashboard?${query(q)}`),
    mine: () => get<Mine>("../api/mine"),
    implementation: () => get<Implementation>("../api/implementation"),
    /** Saves a row: new (no version) or an edit of the version the editor saw. */
    async saveRow(id: string, fields: PlanFields, version?: number): Promise<SaveOutcome> {
      const { status, json } = await send("PUT", `../api/implementation/rows/${id}`, { ...fields, ...(version ? { version } : {}) });
      if (status === 200) return { kind: "saved", row: json.row };
      if (status === 400 && json?.problems) return { kind: "refused", problems: json.problems };
      if (status === 409) return json?.error === "full" ? { kind: "full" } : { kind: "conflict", row: json?.row };
      throw new ApiError(status);
    },
    /** Deletes a row if it is still the version shown: "conflict" with the current row otherwise. */
    async deleteRow(id: string, version: number): Promise<{ kind: "deleted" } | { kind: "conflict"; row: PlanRow }> {
      const { status, json } = await send("DELETE", `../api/implementation/rows/${id}?version=${version}`);
      if (status === 204) return { kind: "deleted" };
      if (status === 409) return { kind: "conflict", row: json.row };
      throw new ApiError(status);
    },
    async answer(item: string, answer: CheckAnswer | null): Promise<void> {
      const { status } = await send("PUT", `../api/implementation/checklist/${item}`, { answer });
      if (status !== 200) throw new ApiError(status);
    },
  };
}
export type Api = ReturnType<typeof createApi>;
