// Corps gatherings (issue 24; 001 §3.3: the coordinator gathers the local mentors and relative coaches «i fast kadence
// (minimum 3-4 gange årligt)»; 000 «Sparringsmøder»: two or three of them bring a case, agreed beforehand). The
// coordinator plans the year's gatherings; Løft invites the corps in the channel, asks the presenters in their personal
// chat a week before (with the guide's facilitation questions and the reminder about tavshedspligt and samtykke),
// reminds the channel the working day before, and counts the gatherings held in a year for the implementation
// checklists. Pure rules here; the cards in bot/verbs/gatherings.ts, the messages in bot/outbox/gatherings.ts.
// Privacy: the channel is read by the whole team — a gathering names no case and no citizen; its place text is guarded.
import { DateTime } from "luxon";
import { z } from "zod";
import type { Job } from "./jobs";
import { CorpsId, Guid, IsoTime, type Member } from "./model";
import type { Problem } from "./forms";
import { findIdentifiers } from "./privacy";
import { isWorkingDay, localToInstant, ZONE } from "./time";

export const PLACE_MAX = 200;
/** At most this many gatherings planned in one calendar year (the guide asks for 3–4; a monthly rhythm is 12). */
export const MAX_PER_YEAR = 12;
/** Two or three presenters, as the guide suggests; none is allowed while they are still being asked. */
export const MAX_PRESENTERS = 3;
/** The invitation goes out when the gathering is planned, or this many days before if it is planned further ahead. */
export const INVITE_DAYS_BEFORE = 14;
/** The presenters are asked this many days before. */
export const ASK_DAYS_BEFORE = 7;
const MORNING = "09:00";

export const GATHERING_STATUSES = ["planned", "held", "cancelled"] as const;

export const Gathering = z.object({
  type: z.literal("gathering"),
  id: z.string().regex(/^gathering-[0-9a-f-]{36}$/),
  corpsId: CorpsId,
  /** When it starts (chosen as Copenhagen local date and time). */
  at: IsoTime,
  /** Where, or how (e.g. «Mødelokale 2, Rådhuset» or «Teams»); privacy-guarded. */
  place: z.string().trim().min(1).max(PLACE_MAX),
  /** The members who bring a case (mentors or relative coaches of the corps). */
  presenters: z.array(Guid).max(MAX_PRESENTERS),
  status: z.enum(GATHERING_STATUSES),
  createdAt: IsoTime,
  createdBy: Guid,
  heldAt: IsoTime.optional(),
  cancelledAt: IsoTime.optional(),
});
export type Gathering = z.infer<typeof Gathering>;

export const gatheringId = (uuid: string) => `gathering-${uuid.toLowerCase()}`;

/** The card's fields. */
export const GATHERING_FIELDS = { date: "date", time: "time", place: "place", presenters: "presenters" } as const;

export type GatheringProblem = Problem;

/** The Copenhagen calendar year an instant falls in. */
export const yearOf = (instant: Date | string) => DateTime.fromJSDate(new Date(instant), { zone: ZONE }).year;

const PlanInput = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  place: z.string().trim().min(1).max(PLACE_MAX),
});

/**
 * Planning a gathering from the card's values: a real date and time in the future, a place without a CPR number, phone
 * number or e-mail address, and no more than MAX_PER_YEAR gatherings (not cancelled) in that year.
 */
export function decidePlan(
  values: Record<string, string>,
  existing: readonly Gathering[],
  ids: { uuid: string; corpsId: string; by: string },
  now: Date,
): { kind: "refused"; problems: GatheringProblem[] } | { kind: "planned"; gathering: Gathering } {
  const problems: GatheringProblem[] = [];
  const parsed = PlanInput.safeParse({ date: (values.date ?? "").trim(), time: (values.time ?? "").trim(), place: values.place ?? "" });
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0]);
      const empty = ((values[field] ?? "").trim()).length === 0;
      problems.push({ field, code: empty ? "required" : i.code === "too_big" ? "tooLong" : "invalid" });
    }
  }
  for (const code of findIdentifiers(values.place ?? "")) problems.push({ field: "place", code });
  const at = parsed.success ? localToInstant(parsed.data.date, parsed.data.time) : undefined;
  if (parsed.success && !at) problems.push({ field: "date", code: "invalid" });
  if (at && at.getTime() <= now.getTime()) problems.push({ field: "date", code: "past" });
  if (at && existing.filter((g) => g.status !== "cancelled" && yearOf(g.at) === yearOf(at)).length >= MAX_PER_YEAR) problems.push({ field: "date", code: "tooMany" });
  if (problems.length > 0 || !at || !parsed.success) return { kind: "refused", problems };
  return {
    kind: "planned",
    gathering: {
      type: "gathering",
      id: gatheringId(ids.uuid),
      corpsId: ids.corpsId,
      at: at.toISOString(),
      place: parsed.data.place,
      presenters: [],
      status: "planned",
      createdAt: now.toISOString(),
      createdBy: ids.by.toLowerCase(),
    },
  };
}

/** Who may present: a mentor or relative coach of the corps who is still in the team. */
export const mayPresent = (m: Pick<Member, "roles" | "leftAt" | "guest">) => !m.leftAt && !m.guest && (m.roles.includes("mentor") || m.roles.includes("relativeCoach"));

/** Choosing the presenters (0–3 of the corps' coaches) of a planned gathering that has not begun. */
export function decidePresenters(
  g: Gathering,
  chosen: readonly string[],
  members: readonly Pick<Member, "aadObjectId" | "roles" | "leftAt">[],
  now: Date,
): { kind: "refused"; problems: GatheringProblem[] } | { kind: "chosen"; gathering: Gathering } {
  if (g.status !== "planned" || Date.parse(g.at) <= now.getTime()) return { kind: "refused", problems: [{ field: "", code: "notPlanned" }] };
  const ids = [...new Set(chosen.map((c) => c.trim().toLowerCase()).filter(Boolean))];
  const problems: GatheringProblem[] = [];
  if (ids.length > MAX_PRESENTERS) problems.push({ field: GATHERING_FIELDS.presenters, code: "tooManyPresenters" });
  const byId = new Map(members.map((m) => [m.aadObjectId.toLowerCase(), m]));
  if (ids.some((id) => !byId.has(id) || !mayPresent(byId.get(id)!))) problems.push({ field: GATHERING_FIELDS.presenters, code: "notCoach" });
  if (problems.length > 0) return { kind: "refused", problems };
  return { kind: "chosen", gathering: { ...g, presenters: ids } };
}

/** Marking a planned gathering held: once it has begun. */
export function decideHeld(g: Gathering, now: Date): { kind: "refused"; problems: GatheringProblem[] } | { kind: "held"; gathering: Gathering } {
  if (g.status !== "planned") return { kind: "refused", problems: [{ field: "", code: "notPlanned" }] };
  if (Date.parse(g.at) > now.getTime()) return { kind: "refused", problems: [{ field: "", code: "notYet" }] };
  return { kind: "held", gathering: { ...g, status: "held", heldAt: now.toISOString() } };
}

/** Cancelling a planned gathering (one held is not cancelled). */
export function decideCancel(g: Gathering, now: Date): { kind: "refused"; problems: GatheringProblem[] } | { kind: "cancelled"; gathering: Gathering } {
  if (g.status !== "planned") return { kind: "refused", problems: [{ field: "", code: "notPlanned" }] };
  return { kind: "cancelled", gathering: { ...g, status: "cancelled", cancelledAt: now.toISOString() } };
}

/** 09:00 in Copenhagen on `date`. */
const morningOf = (date: string) => localToInstant(date, MORNING)!;
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);
const daysBefore = (g: Pick<Gathering, "at">, days: number) => DateTime.fromJSDate(new Date(g.at), { zone: ZONE }).minus({ days }).toISODate()!;

/** The invitation in the channel: at once, or 09:00 fourteen days before when planned further ahead. */
export function inviteAt(g: Pick<Gathering, "at">, now: Date): Date {
  return later(morningOf(daysBefore(g, INVITE_DAYS_BEFORE)), now);
}

/** The request to each presenter: 09:00 seven days before, or at once when chosen later than that. */
export function askAt(g: Pick<Gathering, "at">, now: Date): Date {
  return later(morningOf(daysBefore(g, ASK_DAYS_BEFORE)), now);
}

/** The working day before a date (weekends, Danish public holidays and the corps' days off skipped). */
export function previousWorkingDay(date: string, extraDaysOff: readonly string[] = []): string {
  let dt = DateTime.fromISO(date, { zone: ZONE }).minus({ days: 1 });
  while (!isWorkingDay(dt.toISODate()!, extraDaysOff)) dt = dt.minus({ days: 1 });
  return dt.toISODate()!;
}

/**
 * The reminder in the channel: 09:00 the working day before; undefined when that has passed already (a gathering
 * planned at short notice has its invitation, which says when).
 */
export function remindAt(g: Pick<Gathering, "at">, extraDaysOff: readonly string[], now: Date): Date | undefined {
  const local = DateTime.fromJSDate(new Date(g.at), { zone: ZONE }).toISODate()!;
  const due = morningOf(previousWorkingDay(local, extraDaysOff));
  return due.getTime() < now.getTime() ? undefined : due;
}

/** Whether a message about the gathering is still owed: it is planned and has not begun. */
export const stillAhead = (g: Pick<Gathering, "status" | "at"> | undefined, now: Date): g is Gathering => !!g && g.status === "planned" && Date.parse(g.at) > now.getTime();

/** How many of the corps' gatherings were held in a calendar year (Copenhagen). */
export function heldInYear(gatherings: readonly Pick<Gathering, "status" | "at">[], year: number): number {
  return gatherings.filter((g) => g.status === "held" && yearOf(g.at) === year).length;
}

/** The year's gatherings, in order. */
export function ofYear<G extends Pick<Gathering, "at">>(gatherings: readonly G[], year: number): G[] {
  return gatherings.filter((g) => yearOf(g.at) === year).sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * What the coordinator's card lists: this year's gatherings, and those already planned for a later year (planned in
 * December for January, they must be there to choose presenters for, or to cancel).
 */
export function onCard<G extends Pick<Gathering, "at" | "status">>(gatherings: readonly G[], year: number): G[] {
  return gatherings.filter((g) => yearOf(g.at) === year || (yearOf(g.at) > year && g.status === "planned")).sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * The implementation checklists' questions this figure belongs with (000, Tabel 2): o2 — «nedslag i implementeringen,
 * hvor koordinatoren sammen med mentorer og forældrecoaches stopper op» — and o4 — learning and exercises with the
 * method «i en aktionslæringscyklus» so competences are kept: both are met by the corps' gatherings.
 */
export const GATHERING_QUESTIONS = ["o2", "o4"] as const;

/**
 * The guide's questions for facilitating sparring meetings (000, «Facilitering af sparringsmøder»), verbatim: the
 * presenters get them to prepare their case.
 */
export const FACILITATION_QUESTIONS = [
  "Beskriv en udfordrende situation / en situation hvor du lykkedes?",
  "Hvad har situationen givet dig af læring?",
  "Hvad ville du have gjort anderledes?",
  "Hvorfor tror du, det vil være godt at gøre sådan?",
  "Hvordan kan dette inspirere dine kollegaer til nye, bedre handle måder?",
  "Når du siger, at det her ikke vil fungere, hvad er det så, du ved om situationen, der gør, at det her ikke bare lige vil virke? Hvad har vi ikke fået helt snakket om endnu?",
] as const;

/**
 * Whether a gathering's invitation went out (so its cancellation is owed in the channel), from its message job: none
 * left means sent and purged after five weeks (it is written with the gathering); skipped means never sent; a pending
 * one went out only if it was already being sent.
 */
export function invitationWentOut(job: Job | undefined): boolean {
  if (!job) return true;
  if (job.status === "skipped") return false;
  if (job.status !== "pending") return true;
  return job.kind === "message" && !!(job.sendingAt || job.delivered);
}
