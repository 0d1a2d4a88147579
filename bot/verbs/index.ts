// The verb table: each card verb with who may press it, what its data must be, and its handler. The router
// (bot/turn.ts) checks the first two before the handler runs; the handler decides the rest and returns the next card.
import { z } from "zod";
import { submittedValues } from "../../src/domain/forms";
import { CorpsId, StorableId } from "../../src/domain/model";
import type { Reply, VerbContext } from "../context";
import { afterOpen, afterSubmit, coordAfterOpen, coordAfterSubmit } from "./after-reflection";
import { caseLabel, caseLabelSubmit, caseOpen, casesList } from "./cases";
import { entriesList, entryDelete, entryDeleteConfirm, entryEdit } from "./correct";
import { formOpen, formSubmit } from "./conversation-form";
import { checkinMeeting, checkinMeetingSubmit, checkinOpen, checkinSettings, checkinSettingsSubmit, checkinSubmit } from "./checkin";
import { COORDINATOR_VERBS } from "./coordinate";
import { corpsLog, retentionOpen, retentionSubmit } from "./retention";
import { halfYearOpen } from "./halfyear";
import { lendingAnswer, lendingAgree, lendingAsk, lendingAskSubmit, lendingDecline, lendingEnd, lendingEndConfirm, lendingList } from "./lending";
import { gatheringsCancel, gatheringsCancelConfirm, gatheringsCreate, gatheringsHeld, gatheringsOpen, gatheringsPresenters, gatheringsPresentersSubmit } from "./gatherings";
import { leadsCorps } from "../../src/domain/access";
import type { Member } from "../../src/domain/model";

/** The coordinator's verbs that are not about one case. */
const CASE_FREE = new Set(["coord.new", "coord.create", "coord.cases"]);
import { CHOOSE_CORPS, corpsSwitch } from "./corps-choice";
import { closingOpen, closingSubmit } from "./closing";
import { concernOpen, concernSubmit, meetingRequestSubmit } from "./concern";
import { notHeldOpen, notHeldSubmit } from "./not-held";
import { proposalOpen, proposalSubmit } from "./goal-proposal";
import { measureOpen, measureSubmit } from "./measure";
import { help, menu } from "./menu";
import { prepareOpen, prepareSubmit } from "./prepare";
import { reflectOpen, reflectSubmit } from "./reflect";
import { setupOpen, setupSubmit } from "./setup";

export type VerbHandler = (ctx: VerbContext, data: Record<string, string>) => Promise<Reply>;

/** What an action's data is as Teams sends it: the card's data merged with its inputs; values kept as strings. */
export const CardValues = z.unknown().transform(submittedValues);
/** … about one case: its id, one the store can hold (a card that names no case, or a hostile id, is stale). */
export const CaseValues = CardValues.pipe(z.object({ caseId: StorableId }).catchall(z.string()));
/** A lending's card: its id and the borrowing corps that holds it. */
const LendingValues = CardValues.pipe(z.object({ lendingId: z.string().regex(/^lending-[0-9a-f-]{36}$/), borrower: CorpsId }).catchall(z.string()));
/** A corps gathering's card: its id, one the store can hold. */
const GatheringValues = CardValues.pipe(z.object({ gatheringId: StorableId.pipe(z.string().regex(/^gathering-[0-9a-f-]{36}$/)) }).catchall(z.string()));

/**
 * A verb: who may press it — any member with a role, only a coordinator, or a coordinator or leader ("leads") — anyone
 * else gets the menu, as if the button
 * were not there) — what its data must be (else the card is stale), and what it does.
 */
export interface Verb {
  who: keyof typeof MAY_PRESS;
  data: z.ZodType<Record<string, string>, z.ZodTypeDef, unknown>;
  run: VerbHandler;
  /**
   * A submit stores an entry against the case as stored and answers from the entry: it need not wait for the member's
   * earlier submits to be derived (every other verb shows read models, and waits for them: read-your-writes).
   */
  submit: boolean;
}

/** Who may press a verb of each kind. */
export const MAY_PRESS = {
  member: () => true,
  coordinator: (m: Pick<Member, "roles">) => m.roles.includes("coordinator"),
  /** The corps' coordinators and leaders. */
  leads: leadsCorps,
  /** Who reads the corps' access log: its DPO and its coordinators. */
  privacy: (m: Pick<Member, "roles">) => m.roles.includes("dpo") || m.roles.includes("coordinator"),
} as const;

const forMembers = (run: VerbHandler, data: Verb["data"] = CardValues, submit = false): Verb => ({ who: "member", data, run, submit });
const forCoordinators = (run: VerbHandler, data: Verb["data"] = CardValues): Verb => ({ who: "coordinator", data, run, submit: false });
const forLeads = (run: VerbHandler): Verb => ({ who: "leads", data: CardValues, run, submit: false });
const forPrivacy = (run: VerbHandler): Verb => ({ who: "privacy", data: CardValues, run, submit: false });
/** A coach's submit: an entry about one case. */
const entrySubmit = (run: VerbHandler): Verb => forMembers(run, CaseValues, true);

/**
 * Looked up with a verb from the request: a null-prototype object, so "constructor", "__proto__" or "toString" are
 * not verbs (callers also check Object.hasOwn).
 */
export const VERBS: Readonly<Record<string, Verb>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, Verb>, {
    menu: forMembers(menu),
    help: forMembers(help),
    "cases.list": forMembers(casesList),
    "cases.open": forMembers(caseOpen),
    "cases.label": forMembers(caseLabel, CaseValues),
    "cases.labelSubmit": forMembers(caseLabelSubmit, CaseValues),
    "entries.list": forMembers(entriesList, CaseValues),
    "form.open": forMembers(formOpen),
    "form.submit": entrySubmit(formSubmit),
    "entry.edit": forMembers(entryEdit),
    "entry.delete": forMembers(entryDelete),
    "entry.deleteConfirm": forMembers(entryDeleteConfirm),
    "prepare.open": forMembers(prepareOpen),
    "prepare.submit": entrySubmit(prepareSubmit),
    "reflect.open": forMembers(reflectOpen),
    "reflect.submit": entrySubmit(reflectSubmit),
    "closing.open": forMembers(closingOpen),
    "closing.submit": entrySubmit(closingSubmit),
    "measure.open": forMembers(measureOpen),
    "measure.submit": entrySubmit(measureSubmit),
    "checkin.open": forMembers(checkinOpen),
    "checkin.submit": entrySubmit(checkinSubmit),
    "concern.open": forMembers(concernOpen),
    "meeting.request": entrySubmit(meetingRequestSubmit),
    "proposal.open": forMembers(proposalOpen),
    "proposal.submit": entrySubmit(proposalSubmit),
    "notheld.open": forMembers(notHeldOpen),
    "notheld.submit": entrySubmit(notHeldSubmit),
    "concern.submit": entrySubmit(concernSubmit),
    "after.open": forMembers(afterOpen, CaseValues),
    "after.submit": entrySubmit(afterSubmit),
    // A member of several corps: «Skift korps», and a corps chosen (remembered by the turn shell, then its menu).
    "corps.choose": forMembers(corpsSwitch),
    [CHOOSE_CORPS]: forMembers(menu),
    "privacy.log": forPrivacy(corpsLog),
    "halfyear.open": forCoordinators(halfYearOpen),
    "gatherings.open": forCoordinators(gatheringsOpen),
    "gatherings.create": forCoordinators(gatheringsCreate),
    "gatherings.presenters": forCoordinators(gatheringsPresenters, GatheringValues),
    "gatherings.presentersSubmit": forCoordinators(gatheringsPresentersSubmit, GatheringValues),
    "gatherings.held": forCoordinators(gatheringsHeld, GatheringValues),
    "gatherings.cancel": forCoordinators(gatheringsCancel, GatheringValues),
    "gatherings.cancelConfirm": forCoordinators(gatheringsCancelConfirm, GatheringValues),
    "lending.ask": forCoordinators(lendingAsk, CaseValues),
    "lending.askSubmit": forCoordinators(lendingAskSubmit, CaseValues),
    "lending.answer": forCoordinators(lendingAnswer, LendingValues),
    "lending.agree": forCoordinators(lendingAgree, LendingValues),
    "lending.decline": forCoordinators(lendingDecline, LendingValues),
    "lending.end": forCoordinators(lendingEnd, LendingValues),
    "lending.endConfirm": forCoordinators(lendingEndConfirm, LendingValues),
    "lending.list": forCoordinators(lendingList),
    "retention.open": forLeads(retentionOpen),
    "retention.submit": forLeads(retentionSubmit),
    "setup.open": forCoordinators(setupOpen),
    "setup.submit": forCoordinators(setupSubmit),
    "checkin.settings": forCoordinators(checkinSettings),
    "checkin.settingsSubmit": forCoordinators(checkinSettingsSubmit),
    "coord.after": forCoordinators(coordAfterOpen, CaseValues),
    "coord.afterSubmit": forCoordinators(coordAfterSubmit, CaseValues),
    "checkin.meeting": forCoordinators(checkinMeeting, CaseValues),
    "checkin.meetingSubmit": forCoordinators(checkinMeetingSubmit, CaseValues),
    ...Object.fromEntries(Object.entries(COORDINATOR_VERBS).map(([verb, run]) => [verb, forCoordinators(run, CASE_FREE.has(verb) ? CardValues : CaseValues)])),
  }),
);
