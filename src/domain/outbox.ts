// The outbox: every message Løft owes someone — a flag to a coordinator, a notice to a coach, the nudge to reflect,
// a monthly status card or reminder, the channel's summary, "a coach left" — is a `message` job, written durably with
// (or before) the change that owes it, and sent by one runner (bot/outbox/): claim (the scheduler's ETag-checked claim
// of the job) → decide from the store as it is now → mark `sendingAt` the moment the request leaves → send through one
// reach policy → record the outcome. A message whose runner died after marking it is recorded "unconfirmed" and never
// sent again; one whose runner died before is sent by the next. These are the pure parts: what a message is, its id,
// and what a runner does with a job it has claimed.
import { z } from "zod";
import { CaseKind, CorpsId, Guid, IsoTime, Month } from "./model";

export const OwedMessage = z.discriminatedUnion("what", [
  /** The flags one entry raised, to the case's coordinator (written by the entry's derive step). */
  z.object({ what: z.literal("flags"), caseId: z.string().min(1), entryId: z.string().min(1) }),
  /** What a coordinator's change means for a coach (`noticeId` = `{actionId}:{kind}` on the case). */
  z.object({ what: z.literal("notice"), caseId: z.string().min(1), actionId: z.string().min(1), noticeId: z.string().min(1), to: Guid }),
  /** The one nudge to reflect after a prepared conversation (one per case and conversation day). */
  z.object({ what: z.literal("nudge"), caseId: z.string().min(1), to: Guid, day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), preparedAt: IsoTime }),
  /** A coach left the team with open cases: one message to each coordinator. */
  z.object({ what: z.literal("coachLeft"), eventId: z.string().min(1), coachId: Guid, caseIds: z.array(z.string()).max(200), to: Guid }),
  /** The month's status card about one case, to its coach. */
  z.object({ what: z.literal("checkinAsk"), month: Month, caseId: z.string().min(1), to: Guid }),
  /** The reminder the working day before, to a coach with cases unanswered. */
  z.object({ what: z.literal("checkinRemind"), month: Month, to: Guid }),
  /** A pause's expected end has come: to the case's coordinator, the morning of `until` (`actionId`: the pause's). */
  z.object({ what: z.literal("pauseEnds"), caseId: z.string().min(1), actionId: z.string().min(1), to: Guid }),
  /** The coordinator moved a coach's status meeting of the month (`at`: the new time; `by`: the coordinator). */
  z.object({ what: z.literal("meetingMoved"), month: Month, to: Guid, at: IsoTime, by: Guid }),
  /** A half-year has ended: its questionnaire's figures are ready, to each coordinator of the corps (src/domain/halfyear.ts). */
  z.object({ what: z.literal("halfYear"), period: z.string().regex(/^\d{4}-H[12]$/), to: Guid }),
  /** A corps gathering is planned: the invitation in the corps' channel (src/domain/gatherings.ts). */
  z.object({ what: z.literal("gatheringInvite"), gatheringId: z.string().min(1) }),
  /** A week before a gathering: the request to one presenter to bring a case, in their personal chat. */
  z.object({ what: z.literal("gatheringAsk"), gatheringId: z.string().min(1), to: Guid }),
  /** The working day before a gathering: the reminder in the corps' channel. */
  z.object({ what: z.literal("gatheringRemind"), gatheringId: z.string().min(1) }),
  /** A gathering whose invitation went out was cancelled: the notice in the corps' channel. */
  z.object({ what: z.literal("gatheringCancelled"), gatheringId: z.string().min(1) }),
  /**
   * A lending between corps (src/domain/lending.ts) asked, answered or ended: to a coordinator of either corps, or the
   * guest (the job in the recipient's corps; the lending is read from the borrowing corps).
   */
  z.object({
    what: z.literal("lending"),
    lendingId: z.string().regex(/^lending-[0-9a-f-]{36}$/),
    borrowerCorpsId: CorpsId,
    event: z.enum(["asked", "agreed", "declined", "ended", "erased"]),
    to: Guid,
    /** "erased" (the case and its lending are gone): what the message says, carried here — never the case. */
    kind: CaseKind.optional(),
    guest: z.object({ aadObjectId: Guid, name: z.string().min(1).max(200) }).optional(),
  }),
]);
export type OwedMessage = z.infer<typeof OwedMessage>;
export type MessageKind = OwedMessage["what"];
export type MessageOf<W extends MessageKind> = Extract<OwedMessage, { what: W }>;

/** A message's job id: one per message owed, so writing it twice (a replay, a retry, another instance) owes it once. */
export function messageId(m: OwedMessage): string {
  switch (m.what) {
    case "flags":
      return `msg-flags-${m.entryId}`;
    case "notice":
      return `msg-notice-${m.noticeId}`;
    case "nudge":
      return `msg-nudge-${m.caseId}-${m.day}`;
    case "coachLeft":
      return `msg-left-${m.eventId}-${m.to}`;
    case "checkinAsk":
      return `msg-checkin-${m.month}-ask-${m.caseId}`;
    case "checkinRemind":
      return `msg-checkin-${m.month}-remind-${m.to}`;
    case "meetingMoved":
      return `msg-meeting-${m.month}-${m.to}-${m.at}`;
    case "pauseEnds":
      return `msg-pause-${m.actionId}`;
    case "halfYear":
      return `msg-halfyear-${m.period}-${m.to}`;
    case "gatheringInvite":
      return `msg-${m.gatheringId}-invite`;
    case "gatheringAsk":
      return `msg-${m.gatheringId}-ask-${m.to}`;
    case "gatheringRemind":
      return `msg-${m.gatheringId}-remind`;
    case "gatheringCancelled":
      return `msg-${m.gatheringId}-cancelled`;
    case "lending":
      return `msg-${m.lendingId}-${m.event}-${m.to}`;
  }
}

/**
 * How long after it is written a message waits for the scheduler. The turn (or step) that wrote it sends it at once;
 * the scheduler sends what that could not (the process died, Teams refused). Longer than a turn and its sends take.
 */
export const MESSAGE_GRACE_MS = 60_000;

/** What a runner does with a message job it has claimed. */
export type SendStep =
  /** Marked before a runner that then died: the request may have reached Teams. Recorded, never sent again. */
  | "unconfirmed"
  /** Not marked: nothing left for Teams yet. Send it. */
  | "send";

export const sendStep = (job: { sendingAt?: string }): SendStep => (job.sendingAt ? "unconfirmed" : "send");

export const SendingAt = IsoTime;
