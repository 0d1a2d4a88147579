// «Akut bekymring» (001 §3.3): mentors and relative coaches carry skærpet underretningspligt (barnets lov § 133) and
// afværgepligt (straffeloven § 141); what triggers them cannot wait for a status meeting. The coach presses one button:
// the coordinator is told at once (the case code, never the content), the card says what the duties mean and what to
// do now, and the concern is recorded on the case as a flag until a coordinator marks it handled.
import type { z } from "zod";
import { entryId, openAnyVersion, type Decision } from "./forms";
import type { Case, Concern, Flag, MeetingRequest } from "./model";

export type ConcernEntry = z.infer<typeof Concern>;
export type MeetingRequestEntry = z.infer<typeof MeetingRequest>;

/**
 * A concern about one of the coach's cases. Never refused for a card that has grown old (the goals changed, the case
 * was paused): only a case that is not theirs, or is closed, answers as stale.
 */
export function decideConcern(values: Record<string, string>, c: Case | undefined, actorId: string, now: Date): Decision<ConcernEntry> {
  return decideAsk("concern", values, c, actorId, now);
}

/** «Bed om et møde»: the coach asks the coordinator for a meeting between status rounds — a wish for sparring, by its flag. */
export function decideMeetingRequest(values: Record<string, string>, c: Case | undefined, actorId: string, now: Date): Decision<MeetingRequestEntry> {
  return decideAsk("meetingRequest", values, c, actorId, now);
}

/** A coach's content-free ask about one of their open cases (any version of the card, a paused case too). */
function decideAsk<T extends "concern" | "meetingRequest">(type: T, values: Record<string, string>, c: Case | undefined, actorId: string, now: Date) {
  const open = openAnyVersion(values, c, actorId);
  if (open.kind === "stale") return open;
  const { case: k, submissionId } = open;
  return { kind: "ok" as const, entry: { type, id: entryId(type.toLowerCase(), submissionId), corpsId: k.corpsId, caseId: k.id, authorId: actorId, createdAt: now.toISOString() } };
}

export function meetingRequestFlags(entry: MeetingRequestEntry): Flag[] {
  return [{ id: `${entry.id}:sparring`, kind: "sparring", entryId: entry.id, at: entry.createdAt, raisedBy: entry.authorId }];
}

export function concernFlags(entry: ConcernEntry): Flag[] {
  return [{ id: `${entry.id}:concern`, kind: "concern", entryId: entry.id, at: entry.createdAt, raisedBy: entry.authorId }];
}
