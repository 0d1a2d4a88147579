// Card verbs → handlers. Each handler validates its own action data and returns the next card.
import type { Reply, VerbContext } from "../context";
import { caseOpen, casesList } from "./cases";
import { entriesList, entryDelete, entryDeleteConfirm, entryEdit } from "./correct";
import { formOpen, formSubmit } from "./conversation-form";
import { checkinMeeting, checkinMeetingSubmit, checkinOpen, checkinSettings, checkinSettingsSubmit, checkinSubmit } from "./checkin";
import { COORDINATOR_VERBS } from "./coordinate";
import { CHOOSE_CORPS, corpsSwitch } from "./corps-choice";
import { closingOpen, closingSubmit } from "./closing";
import { measureOpen, measureSubmit } from "./measure";
import { help, menu } from "./menu";
import { prepareOpen, prepareSubmit } from "./prepare";
import { reflectOpen, reflectSubmit } from "./reflect";
import { setupOpen, setupSubmit } from "./setup";

export type VerbHandler = (ctx: VerbContext, data: unknown) => Promise<Reply>;

/**
 * Looked up with a verb from the request: a null-prototype object, so "constructor", "__proto__" or "toString" are
 * not verbs (callers also check Object.hasOwn).
 */
export const VERBS: Readonly<Record<string, VerbHandler>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, VerbHandler>, {
    menu,
    help,
    "cases.list": casesList,
    "cases.open": caseOpen,
    "entries.list": entriesList,
    "form.open": formOpen,
    "form.submit": formSubmit,
    "entry.edit": entryEdit,
    "entry.delete": entryDelete,
    "entry.deleteConfirm": entryDeleteConfirm,
    "prepare.open": prepareOpen,
    "prepare.submit": prepareSubmit,
    "reflect.open": reflectOpen,
    "reflect.submit": reflectSubmit,
    "closing.open": closingOpen,
    "closing.submit": closingSubmit,
    "measure.open": measureOpen,
    "measure.submit": measureSubmit,
    "setup.open": setupOpen,
    "setup.submit": setupSubmit,
    "checkin.open": checkinOpen,
    "checkin.submit": checkinSubmit,
    "checkin.settings": checkinSettings,
    "checkin.settingsSubmit": checkinSettingsSubmit,
    "checkin.meeting": checkinMeeting,
    "checkin.meetingSubmit": checkinMeetingSubmit,
    // A member of several corps: «Skift korps», and a corps chosen (remembered by the turn shell, then its menu).
    "corps.choose": corpsSwitch,
    [CHOOSE_CORPS]: menu,
    ...COORDINATOR_VERBS,
  }),
);
