// The domain model: zod schemas and the types derived from them.
// Source: shared/DOMAIN.md (roles, a case's life) and the seeds it quotes.
// Every document carries `corpsId`: it is the partition key in the store, so one corps can never
// read another's documents by accident.
import { z } from "zod";
import { municipalityByCode } from "./municipalities";

/** "dpo": the corps' data protection officer (issue 22) — reads the corps' access log, never a case or a figure. */
export const ROLES = ["mentor", "relativeCoach", "coordinator", "leader", "dpo"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A lone UTF-16 surrogate: not a character, and no store or JSON encoder keeps it as it was. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Whether Cosmos DB can hold `id` as a document id (or take it in a request's path): 1–255 characters, none of
 * / \ # ?, not only white space, well-formed Unicode. Ids that come from outside (a card's case, a Teams identity)
 * are checked with it before they reach the store.
 */
export const storableId = (id: string): boolean =>
  id.length > 0 && id.length <= 255 && !/[/\\#?]/.test(id) && id.trim() !== "" && !LONE_SURROGATE.test(id);
export const StorableId = z.string().refine(storableId, "not an id the store can hold (1–255 characters, no / \\ # ?, not blank)");

/** Teams identities are GUIDs (aadObjectId, tenant id). */
export const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not a GUID");
export const IsoTime = z.string().datetime({ offset: true });
export const CorpsId = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/);

/** The assessment tool's nine dimensions (001 §4.1). */
export const DIMENSIONS = [
  { id: 1, group: "risk", da: "Bekymrende overbevisning og retorik" },
  { id: 2, group: "risk", da: "Voldsparathed" },
  { id: 3, group: "risk", da: "Kriminalitetshistorik" },
  { id: 4, group: "risk", da: "Bekymrende socialisering og relationer" },
  { id: 5, group: "risk", da: "Psykisk sårbarhed" },
  { id: 6, group: "resilience", da: "Uddannelse og beskæftigelse" },
  { id: 7, group: "resilience", da: "Personlighedsfaktorer" },
  { id: 8, group: "resilience", da: "Familie" },
  { id: 9, group: "resilience", da: "Netværk og fritid" },
] as const;
export const DimensionId = z.number().int().min(1).max(9);

/** Free text written by a practitioner. The privacy guard (privacy.ts) decides what may be stored. */
export const FreeText = z.string().trim().max(2000);

// ── Corps and members ───────────────────────────────────────────────────────────────────────────

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "not a month (YYYY-MM)");

/** The coordinator's choices for the monthly status check-in (src/domain/checkin.ts); absent: the defaults. */
export const CheckInSettings = z.object({
  /** Day of the month (1–28), moved to the next working day; absent: the first working day. */
  day: z.number().int().min(1).max(28).optional(),
  /** "HH:MM" in Copenhagen; absent: 09:00. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),
  /** Months without a check-in (e.g. July). */
  skipMonths: z.array(Month).max(24).default([]),
  /** How many working days before the check-in day mentors are asked; absent: 3. */
  askWorkingDaysBefore: z.number().int().min(1).max(10).optional(),
  /** A coach's own status-meeting time on the check-in day ("HH:MM"), set once by the coordinator (lower-case aad → time). */
  meetingTimes: z.record(z.string(), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)).optional(),
});
export type CheckInSettings = z.infer<typeof CheckInSettings>;

/** Default retention of a closed case: five years after closing, then it is erased (src/domain/erasure.ts). */
export const RETENTION_DEFAULT_MONTHS = 60;
/** How long a corps keeps what it holds about closed cases (issue 22; chosen by a coordinator or leader). */
export const Retention = z.object({
  /** Months after closing when a closed case is erased. */
  closedMonths: z.number().int().min(1).max(240).default(RETENTION_DEFAULT_MONTHS),
  /** Months after closing when the free text of a closed case's entries is removed (the figures stay); absent: never. */
  freeTextMonths: z.number().int().min(1).max(240).optional(),
  /** Who changed it last (aadObjectId), and when. */
  changedBy: z.string().max(64).optional(),
  changedAt: IsoTime.optional(),
});
export type Retention = z.infer<typeof Retention>;

export const Corps = z.object({
  type: z.literal("corps"),
  id: CorpsId,
  corpsId: CorpsId,
  name: z.string().min(1).max(200),
  /** One of the 98 municipalities; set by the coordinator on the set-up card. */
  municipalityCode: z
    .string()
    .refine((c) => municipalityByCode(c) !== undefined, "unknown municipality code")
    .optional(),
  /** "pending" from the moment the app is added to the team until the coordinator has completed the set-up card. */
  setup: z.enum(["pending", "done"]).default("done"),
  tenantId: Guid,
  /** The corps' Teams team (one corps = one team). */
  teamId: z.string().min(1),
  /** The channel the monthly summary is posted in: where the app was added, until the coordinator chooses another. */
  channelId: z.string().min(1),
  /** The team's channels as Teams last listed them (the set-up card offers them for the summary). No name: General. */
  channels: z.array(z.object({ id: z.string().min(1), name: z.string().max(200).optional() })).max(200).optional(),
  /** Where Løft reaches this team's people proactively (the Bot Connector's serviceUrl and the bot's id in Teams). */
  serviceUrl: z.string().url().optional(),
  botId: z.string().min(1).optional(),
  /** Set when the app was removed from the team (it may be added again); nothing is deleted. */
  removedAt: IsoTime.optional(),
  /** Extra days off agreed locally, ISO dates (e.g. 24 Dec); public holidays are known already. */
  extraDaysOff: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  checkIn: CheckInSettings.optional(),
  /** Absent: the defaults (closed cases erased five years after closing; free text kept as long as the case). */
  retention: Retention.optional(),
  /** The newest month whose mentors were asked for a status: what a coach may be offered again (monthForAnswers). */
  checkInAsked: Month.optional(),
});
export type Corps = z.infer<typeof Corps>;

/** Where to reach a member proactively (a Bot Framework conversation reference, trimmed). */
export const ConversationRef = z.object({
  serviceUrl: z.string().url(),
  conversationId: z.string().min(1),
  botId: z.string().min(1),
});
export type ConversationRef = z.infer<typeof ConversationRef>;

export const Member = z.object({
  type: z.literal("member"),
  id: z.string(), // memberDocId(aadObjectId)
  corpsId: CorpsId,
  aadObjectId: Guid,
  name: z.string().min(1).max(200),
  /** Empty: in the team, but given no role by the coordinator (yet); such a member reaches nothing. */
  roles: z.array(Role),
  /** The member's Teams user id ("29:…") from the team's roster: lets Løft start a personal chat with them. */
  teamsUserId: z.string().min(1).max(200).optional(),
  /** Set when they were removed from the corps' team (their roles are gone; the name stays for the cases' history). */
  leftAt: IsoTime.optional(),
  /**
   * A coach lent by another corps for one case (src/domain/lending.ts): not in this corps' team; reaches only the
   * cases they coach here; offered for nothing else. Their home corps and tenant, and the lending.
   */
  guest: z.object({ lendingId: z.string().min(1), homeCorpsId: CorpsId, tenantId: Guid }).optional(),
  /** The roles they had when they left the team (the national centre's list shows departures). */
  formerRoles: z.array(Role).optional(),
  /** Set when the member first talks to the bot; needed for reminders and check-ins. */
  conversation: ConversationRef.optional(),
  locale: z.string().max(20).optional(),
});
export type Member = z.infer<typeof Member>;

// ── Cases (forløb) ──────────────────────────────────────────────────────────────────────────────

export const CaseKind = z.enum(["mentor", "relativeCoach"]);
export type CaseKind = z.infer<typeof CaseKind>;

/**
 * A case's life (DOMAIN.md): referred by the infohus (the coach seeks contact, on the citizen's terms) → clarifying
 * (contact made: does a case make sense for both?) → active (the citizen said yes) → closing (closing dialogue) →
 * closed. The coordinator may pause an active case (the citizen is away, the mentor ill) and resume it.
 */
export const CaseStatus = z.enum(["referred", "clarifying", "active", "paused", "closing", "closed"]);
export type CaseStatus = z.infer<typeof CaseStatus>;
/** The statuses in which the coach works on the case — prepares, reflects, answers the monthly status. */
export const IN_WORK: readonly CaseStatus[] = ["referred", "clarifying", "active"];
export const inWork = (c: { status: CaseStatus }) => IN_WORK.includes(c.status);
/** Before the citizen said yes: the contact phase. */
export const inContactPhase = (c: { status: CaseStatus }) => c.status === "referred" || c.status === "clarifying";

/** A pseudonymous case code, e.g. "MK-7Q3F". Never a name or CPR number. */
export const CaseCode = z.string().regex(/^[A-Z]{2}-[0-9A-Z]{4}$/, "not a case code");

export const Goal = z.object({
  id: z.string().min(1).max(40),
  text: FreeText.min(1),
  /** Goal scale 0–10 (målskema), the latest score given. */
  score: z.number().int().min(0).max(10).optional(),
});
export type Goal = z.infer<typeof Goal>;

/** Målskema (001 §4.2, Signs of Safety): what worries us, what is working, what needs to happen (the goals). */
export const GoalForm = z.object({
  worries: FreeText,
  working: FreeText,
  goals: z.array(Goal).max(10),
});
export type GoalForm = z.infer<typeof GoalForm>;

export const Referral = z.object({
  receivedAt: IsoTime,
  /** The dimensions the infohus' assessment pointed at (001 §4.1). */
  dimensions: z.array(DimensionId).max(9),
});

/**
 * Why the coordinator closed a case (001 §4.2, §5.2: goals reached, or no progress so another effort takes over; 004
 * Trin 1: contact never made, or the citizen said no — only before the case started, so they never count as durations).
 */
export const CLOSE_REASONS = ["goalsReached", "noProgress", "citizenEnded", "moved", "noContact", "declined", "other"] as const;
/** The reasons only a case still in its contact phase can be closed with. */
export const CONTACT_CLOSE_REASONS: readonly (typeof CLOSE_REASONS)[number][] = ["noContact", "declined"];
/** Why a case is paused (the coordinator's choice; no free text). */
export const PAUSE_REASONS = ["citizenBreak", "citizenUnavailable", "treatment", "coachAway", "other"] as const;
/** A paused case: why, until about when (a local date; the coordinator is reminded then), by whom, by which action. */
export const Pause = z.object({
  reason: z.enum(PAUSE_REASONS),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  at: IsoTime,
  by: Guid,
  actionId: z.string().min(1),
});
export type Pause = z.infer<typeof Pause>;
export const CloseReason = z.enum(CLOSE_REASONS);
/**
 * What an after-reflection can be about, for the learning meeting to count (the coordinator ticks those the joint
 * reflection raised). Named after the seed's questions: the relation, the people around the citizen, other actors,
 * the unexpected, safety, the method, contact, what comes next and the coach's own support.
 */
export const THEMES = ["relation", "network", "otherActors", "unexpected", "safety", "method", "contact", "nextStep", "coachSupport"] as const;
export type Theme = (typeof THEMES)[number];
export type CloseReason = z.infer<typeof CloseReason>;

/**
 * How a message to a member went ("unreachable": Løft has no way to reach them in Teams; "unconfirmed": the sender
 * died between claiming and recording the send, so it may or may not have reached Teams).
 */
export const Delivery = z.enum(["sent", "unreachable", "gone", "failed", "unconfirmed"]);
export type Delivery = z.infer<typeof Delivery>;

/** Who is sending a message kept on a case right now (a random token) and since when (src/domain/delivery.ts). */
export const Claim = z.object({ token: z.string().min(1), at: IsoTime });

/**
 * A message a coordinator's change of a case owes a coach (a new case, a case handed over or away, paused, resumed,
 * to be closed, closed), kept on the case with its delivery, like a flag: sent once, retried by a job if Teams refuses.
 */
export const NOTICE_KINDS = ["assigned", "handedOver", "handedAway", "paused", "resumed", "closing", "closed"] as const;
export const Notice = z.object({
  /** `{actionId}:{kind}`: one notice of a kind per action, however often the action is replayed. */
  id: z.string().min(1),
  kind: z.enum(NOTICE_KINDS),
  to: Guid,
  by: Guid,
  at: IsoTime,
  delivery: Delivery.optional(),
  claim: Claim.optional(),
});
export type Notice = z.infer<typeof Notice>;

const Score = z.object({ at: IsoTime, score: z.number().int() });

export const Match = z.enum(["ja", "usikker", "nej"]);

/**
 * Something the coordinator must know at once (a doubtful match, a wish for sparring, a low WHO-5), raised by an entry
 * and kept on the case: delivered to the coordinator's personal chat when possible, and stored either way.
 */
export const Flag = z.object({
  /** `{entryId}:{kind}`: one flag per entry and kind, however often the entry is derived. */
  id: z.string().min(1),
  /**
   * "coachLeft": the coach was removed from the corps' team, and the case needs a new one. "lowWho5": a WHO-5 total at
   * or under 50 (`score`) — a prompt to talk, never a diagnosis.
   * "concern": the coach's urgent concern («Akut bekymring»).
   */
  kind: z.enum(["match", "sparring", "coachLeft", "lowWho5", "concern", "proposal"]),
  match: Match.optional(),
  score: z.number().int().min(0).max(100).optional(),
  entryId: z.string().min(1),
  at: IsoTime,
  raisedBy: Guid,
  /** The delivery's outcome: sent, or why not ("unreachable": the coordinator never talked to Løft). */
  delivery: Delivery.optional(),
  claim: Claim.optional(),
  /** A coordinator saw to it (talked with the coach, acted): it leaves the lists and the summaries, kept with who and when. */
  handled: z.object({ at: IsoTime, by: Guid }).optional(),
});
export type Flag = z.infer<typeof Flag>;
/** A case's latest start (pre) and end (post) score on one instrument. */
export const PrePost = z.object({ pre: Score.optional(), post: Score.optional() });
export type PrePost = z.infer<typeof PrePost>;

/**
 * How the method was followed on a case in one month (Copenhagen), counted as its entries are derived
 * (src/domain/fidelity.ts): conversations by the month they were held (planned), reflections by the month written.
 */
export const MethodMonth = z.object({
  month: Month,
  /** Preparations for a conversation held this month … */
  prepared: z.number().int().min(0).default(0),
  /** … and of those, the ones a reflection followed (before the next preparation). */
  preparedReflected: z.number().int().min(0).default(0),
  /** Reflections written this month … */
  reflections: z.number().int().min(0).default(0),
  /** … of those, the ones that followed a preparation … */
  reflectionsPrepared: z.number().int().min(0).default(0),
  /** … and of those, the ones written within 24 hours of the prepared conversation's time. */
  reflectionsTimely: z.number().int().min(0).default(0),
  /** The month's status check-in was answered for the case. */
  checkInAnswered: z.boolean().default(false),
});
export type MethodMonth = z.infer<typeof MethodMonth>;

export const Method = z.object({
  /** Newest last, at most 36 months. */
  months: z.array(MethodMonth).max(36).default([]),
  /** The latest preparation no reflection has followed yet: the next reflection is about its conversation. */
  pending: z.object({ entryId: z.string().min(1), heldAt: IsoTime }).optional(),
});
export type Method = z.infer<typeof Method>;

export const Case = z.object({
  type: z.literal("case"),
  id: z.string().min(1),
  corpsId: CorpsId,
  code: CaseCode,
  kind: CaseKind,
  /** aadObjectId of the mentor or relative coach holding the case. */
  coachId: Guid,
  coordinatorId: Guid,
  status: CaseStatus,
  /** Read model: goals the coach proposed for the målskema (001 §4.1: made together), newest last (PROPOSALS_KEPT). */
  goalProposals: z.array(z.object({ entryId: z.string(), at: IsoTime, text: FreeText })).max(10).optional(),
  /** The målskema was agreed with the citizen at the start-up meeting (001 §4.1–4.2): when, recorded by which coordinator. */
  goalsAgreed: z.object({ at: IsoTime, by: Guid }).optional(),
  /** Read model: when the coach said the first conversations are in place (their checklist is no longer shown). */
  firstConversationsDone: IsoTime.optional(),
  /** While paused: why and until about when (cleared on resume). */
  pause: Pause.optional(),
  referral: Referral,
  goalForm: GoalForm,
  openedAt: IsoTime,
  /** When the citizen said yes and the case started (after the contact phase); absent while referred or clarifying. */
  startedAt: IsoTime.optional(),
  /**
   * Another case of the same family (a mentor case and a pårørendecoach case), linked by a coordinator when the second
   * was opened; kept on both. Shown to coordinators only.
   */
  family: z.object({ caseId: z.string().min(1).max(100), code: CaseCode }).optional(),
  closedAt: IsoTime.optional(),
  closeReason: CloseReason.optional(),
  /** «Andet»: the coordinator's few words on why (privacy-guarded). */
  closeReasonText: FreeText.optional(),
  /** When the corps' retention choice removed the free text of this closed case and its entries (src/domain/erasure.ts). */
  freeTextRemovedAt: IsoTime.optional(),
  /**
   * Azure Cosmos DB's time to live, in seconds from the document's last write (src/domain/erasure.ts `ttlSeconds`): set
   * on a closed case and its entries once nothing more can be written to them, as a second line of defence behind the
   * retention period's erasure. The embedded store ignores it. `ttlMonths`: the retention period it was set for.
   */
  ttl: z.number().int().positive().optional(),
  ttlMonths: z.number().int().positive().optional(),
  /** Read model: the after-reflection's parts saved so far (the latest of each) and the themes of the coordinator's. */
  afterReflection: z
    .object({
      coach: z.object({ entryId: z.string(), at: IsoTime, by: Guid }).optional(),
      coordinator: z.object({ entryId: z.string(), at: IsoTime, by: Guid }).optional(),
      themes: z.array(z.enum(THEMES)).max(THEMES.length).optional(),
    })
    .optional(),
  /**
   * Read model: the latest preparation — what the mentor meant to achieve (question 1), the goals in focus and when
   * the conversation is planned — so the reflection after it can start with "I dag ville du: …".
   */
  plan: z
    .object({
      entryId: z.string(),
      at: IsoTime,
      plannedAt: IsoTime.optional(),
      text: FreeText,
      focusGoalIds: z.array(z.string()).max(10),
      /** The conversation was not held (cancelled, the citizen did not come): nothing to reflect on, no nudge. */
      notHeld: z.object({ entryId: z.string(), at: IsoTime, reason: z.enum(["citizenCancelled", "coachCancelled", "noShow", "other"]) }).optional(),
    })
    .optional(),
  /** Read model: the samtaleskema as last saved (the citizen's own goals, in their words), beside the målskema. */
  conversationForm: z.object({ entryId: z.string(), at: IsoTime, perspective: FreeText.optional(), goals: z.array(FreeText).max(5) }).optional(),
  /** Read model: the last reflection, so the next preparation is one point read away. */
  lastReflection: z.object({ entryId: z.string(), at: IsoTime, text: FreeText }).optional(),
  /** Read model: the citizen's progress scores over time (1–10, asked every second month, 003), oldest first. */
  progress: z.array(z.object({ at: IsoTime, value: z.number().int().min(1).max(10) })).max(36).optional(),
  /** Read model: the latest pre and post score per instrument (WHO-5, GSE). */
  measures: z
    .object({ who5: PrePost.optional(), gse: PrePost.optional() })
    .optional(),
  /** Read model: method fidelity per month, for the leaders' dashboard. */
  method: Method.optional(),
  /** Flags raised for the coordinator, newest last (FLAGS_KEPT). */
  flags: z.array(Flag).default([]),
  /** Messages the coordinator's changes owe the coach, newest last (NOTICES_KEPT). */
  notices: z.array(Notice).default([]),
  /** Bumped on every change that makes an open card stale. */
  version: z.number().int().min(1),
  /** Bumped on every change; read models projected from the case keep the newest revision they saw. */
  revision: z.number().int().min(0).default(0),
  /** The entries already applied to this case, newest last (APPLIED_KEPT): deriving an entry twice changes nothing. */
  applied: z.array(z.string()).default([]),
});
export type Case = z.infer<typeof Case>;
/** A case as written by hand (seeding, tests): the derivation's bookkeeping starts empty. */
export type NewCase = z.input<typeof Case>;

/** One line of a coach's case index: what the menu and the case picker show, without reading the case. */
export const CaseIndexItem = z.object({
  id: z.string().min(1),
  code: CaseCode,
  kind: CaseKind,
  status: CaseStatus,
  openedAt: IsoTime,
  lastReflectionAt: IsoTime.optional(),
  /** The prepared conversation no reflection has followed yet: when it is (or was) held. */
  plannedAt: IsoTime.optional(),
  /** The newest month whose status check-in was answered for the case (what the menu offers again is the rest). */
  statusMonth: Month.optional(),
  /** What tells the coach this case from their others when they have named it nothing: the målskema's first goal, shortened. */
  cue: z.string().max(80).optional(),
  revision: z.number().int().min(0),
});
export type CaseIndexItem = z.infer<typeof CaseIndexItem>;

/** A coach's open cases in one document (id `cases:{aadObjectId}`): the menu and the picker are one point read. */
export const CaseIndex = z.object({
  type: z.literal("caseIndex"),
  id: z.string().min(1),
  corpsId: CorpsId,
  memberId: Guid,
  cases: z.array(CaseIndexItem),
  /**
   * The coach's own names for their cases (case id → a few words): their data, not derived — kept here, in the one
   * document only their own turns read, so no one else (the coordinator included) ever sees them. Gone with the case.
   */
  labels: z.record(z.string(), z.string().max(80)).default({}),
});
export type CaseIndex = z.infer<typeof CaseIndex>;
export const caseIndexId = (aadObjectId: string) => `cases:${aadObjectId.toLowerCase()}`;

// ── Entries: one document per thing a practitioner records ─────────────────────────────────────

/** One correction of an entry by its author (src/domain/corrections.ts): what it said before, and who changed it when. */
export const Revision = z.object({
  at: IsoTime,
  by: Guid,
  /** The correcting card's submission: a replayed correction is recorded once. */
  submissionId: z.string().min(1),
  /** The entry's content before this correction (its answers, scores, choices). */
  previous: z.record(z.string(), z.unknown()),
});

const EntryBase = z.object({
  /** Cosmos DB's time to live, set with its closed case's (see Case.ttl). */
  ttl: z.number().int().positive().optional(),
  id: z.string().min(1),
  corpsId: CorpsId,
  caseId: z.string().min(1),
  authorId: Guid,
  createdAt: IsoTime,
  /** Corrections by the author within CORRECT_WITHIN_DAYS, oldest first. */
  history: z.array(Revision).max(50).optional(),
  /**
   * Deleted by its author: the free text is gone (answers blanked, history dropped); the document stays so a replay of
   * the card that made it cannot bring it back, and every read model leaves it out.
   */
  deletedAt: IsoTime.optional(),
});

/** Before meeting the citizen (004 Trin 2), each answered ja / nej / ikke relevant (src/domain/questions.ts SAFETY_CHECKS). */
export const SafetyAnswer = z.enum(["yes", "no", "notRelevant"]);
export type SafetyAnswer = z.infer<typeof SafetyAnswer>;
export const SafetyCheck = z.object({
  place: SafetyAnswer.optional(),
  roles: SafetyAnswer.optional(),
  assumptions: SafetyAnswer.optional(),
  risk: SafetyAnswer.optional(),
});
/** How the first version asked: three ticks (place, a colleague knows, risk considered). Kept readable. */
export const LegacySafetyCheck = z.object({ place: z.boolean(), colleagueKnows: z.boolean(), riskConsidered: z.boolean() });

/** Before a conversation (001 §5.2; safety 004 Trin 2). */
export const Preparation = EntryBase.extend({
  type: z.literal("preparation"),
  answers: z.array(FreeText).length(4),
  focusGoalIds: z.array(z.string()).max(10),
  safety: z.union([SafetyCheck, LegacySafetyCheck]),
  plannedAt: IsoTime.optional(),
  /** The coach said the first conversations are in place: the checklist for them is not shown again. */
  firstDone: z.boolean().optional(),
});

/**
 * After a conversation (001 §5.2): eight questions, goal scales, progress when due, match and sparring, and how the
 * meeting was rounded off (004 Trin 4): the agreements made and whether the citizen has a lifeline.
 */
export const Reflection = EntryBase.extend({
  type: z.literal("reflection"),
  answers: z.array(FreeText).length(8),
  /** `previous`: the score the card started at (the last one); equal to `score` when the mentor confirmed it. */
  goalScores: z.array(z.object({ goalId: z.string(), score: z.number().int().min(0).max(10), previous: z.number().int().min(0).max(10).optional() })),
  agreements: FreeText.optional(),
  lifeline: z.enum(["ja", "nej"]).optional(),
  /** The citizen's progress 1–10, asked every second month (003). */
  progress: z.number().int().min(1).max(10).optional(),
  match: Match,
  wantsSparring: z.boolean(),
});

/** A mentor's answer to the coordinator's monthly status check-in (001 §4.2, §5.2). */
export const CHECKIN_STATES = ["onTrack", "needsHelp", "stalled", "readyToClose"] as const;
export const MENTOR_FEELINGS = ["good", "mixed", "hard"] as const;
export const StatusCheckIn = EntryBase.extend({
  type: z.literal("statusCheckIn"),
  month: Month,
  /** Continue as planned, needs help, no progress, or ready to close (001 §5.2: how long should the case go on). */
  state: z.enum(CHECKIN_STATES),
  /** Are the goals still relevant and realistic (false: they should be adjusted)? */
  goalsStillRelevant: z.boolean(),
  /** How it is going for the mentor in the case. */
  feeling: z.enum(MENTOR_FEELINGS).optional(),
  /** One optional line to the coordinator (privacy guard applied); never shown in the channel. */
  note: FreeText.optional(),
});

/** WHO-5 or General Self-Efficacy, at start (pre) or end (post) (003). */
export const Assessment = EntryBase.extend({
  type: z.literal("assessment"),
  instrument: z.enum(["who5", "gse"]),
  phase: z.enum(["pre", "post"]),
  items: z.array(z.number().int().min(0).max(5)),
  score: z.number().int(),
});

/** The closing dialogue with the citizen (001 §5.3). */
export const Closing = EntryBase.extend({
  type: z.literal("closing"),
  answers: z.array(FreeText),
  goalsReached: z.boolean(),
  /** What was made clear to the citizen: what happens next, may they contact you again, where to get help. */
  madeClear: z.array(z.boolean()).optional(),
});

/**
 * One part of the after-reflection over a closed case (001 §5.4, src/domain/after-reflection.ts): the coach's or a
 * coordinator's answers to the seven questions; the coordinator's part also holds what colleagues brought, the
 * learning for the infohus and the themes the learning meeting counts.
 */
export const AfterReflection = EntryBase.extend({
  type: z.literal("afterReflection"),
  role: z.enum(["coach", "coordinator"]),
  answers: z.array(FreeText).length(7),
  colleagues: FreeText.optional(),
  learning: FreeText.optional(),
  themes: z.array(z.enum(THEMES)).max(THEMES.length).optional(),
});

export type AfterReflectionEntry = z.infer<typeof AfterReflection>;

/** Samtaleskema (001 §4.3): the citizen's own goals in the citizen's words, written by the mentor with the citizen. Each save replaces the last. */
export const ConversationForm = EntryBase.extend({
  type: z.literal("conversationForm"),
  /** The citizen's perspective — what matters to them now, how they see their situation — in their words. */
  perspective: FreeText.optional(),
  goals: z.array(FreeText.min(1)).max(5),
});

/** A prepared conversation that was not held: cancelled by either, or the citizen did not come. No free text. */
export const NOT_HELD_REASONS = ["citizenCancelled", "coachCancelled", "noShow", "other"] as const;
export const NotHeld = EntryBase.extend({
  type: z.literal("notHeld"),
  /** The preparation whose conversation it was. */
  preparationId: z.string().min(1),
  reason: z.enum(NOT_HELD_REASONS),
});

/**
 * «Akut bekymring» (001 §3.3): the coach tells the coordinator at once that something on the case cannot wait —
 * when, and on which case; never what (that is said in person, and the duties to act are the coach's own).
 */
export const Concern = EntryBase.extend({ type: z.literal("concern") });

/** A goal the coach proposes for the målskema, in a few words (privacy-guarded); the coordinator decides. */
export const GoalProposal = EntryBase.extend({ type: z.literal("goalProposal"), text: FreeText.pipe(z.string().min(1).max(300)) });

/** The coach asks the coordinator for a meeting between status rounds (001 §4.2: "fx månedlige eller efter behov"). */
export const MeetingRequest = EntryBase.extend({ type: z.literal("meetingRequest") });

export const Entry = z.discriminatedUnion("type", [Preparation, Reflection, StatusCheckIn, Assessment, Closing, AfterReflection, ConversationForm, Concern, NotHeld, MeetingRequest, GoalProposal]);
export type Entry = z.infer<typeof Entry>;
export type EntryType = Entry["type"];

// ── Identity directory: Teams identity → corps, the one lookup every turn starts with ─────────

export const Directory = z.object({
  id: z.string(), // userKey(tenantId, aadObjectId) or teamKey(teamId); choiceKey(tenantId, aadObjectId) for a choice
  memberships: z.array(z.object({ corpsId: CorpsId, roles: z.array(Role) })),
  /**
   * Only on a choice document (src/store/identity.ts `choiceKey`, no memberships): the corps a member of several corps
   * chose to work in in their personal chat and the tab. Kept apart from the `user:` entry, which the set-up card and
   * the team's events rewrite whole.
   */
  activeCorpsId: CorpsId.optional(),
});
export type Directory = z.infer<typeof Directory>;

export const userKey = (tenantId: string, aadObjectId: string) => `user:${tenantId}:${aadObjectId}`.toLowerCase();
export const memberDocId = (aadObjectId: string) => `member:${aadObjectId.toLowerCase()}`;
