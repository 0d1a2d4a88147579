// English, used when Teams says the user's locale is English.
import type { Catalogue } from "./da";

export const en: Catalogue = {
  menu: {
    title: "Løft",
    greeting: "Hi {name}. What would you like to do?",
    prepare: "Prepare conversation",
    reflect: "After conversation",
    cases: "My cases",
    help: "Help",
    noCases: "You have no active cases right now.",
  },
  help: {
    title: "How to use Løft",
    text:
      "Before a conversation: press **Prepare conversation** — you get the preparation questions and see what you wrote last time.\n\n" +
      "After a conversation: press **After conversation** — reflection questions, goal scales and progress.\n\n" +
      "**My cases** lists your active cases (case codes only).\n\n" +
      "Never write names, CPR numbers, phone numbers or e-mail addresses in your answers.",
    words: "You can also type: prepare, after, cases, help.",
  },
  common: {
    menu: "Menu",
    yes: "Yes",
    required: "Required",
    caseKind: { mentor: "mentor case", relativeCoach: "relative-coach case" },
    caseStatus: { referred: "referred", active: "active", closing: "closing", closed: "closed" },
    opened: "Started {date}",
    lastReflection: "last reflection {date}",
    noReflectionYet: "no reflection yet",
  },
  picker: {
    choose: "Choose a case:",
    open: "Choose",
  },
  prepare: {
    title: "Prepare conversation · {code}",
    lastTime: "Last time you wrote ({date}):",
    firstChecklist: "Checklist for the first conversations",
    focusGoals: "Which goals will you work on today?",
    safety: "Safety before the meeting",
    safetyPlaceLabel: "Place",
    safetyColleagueLabel: "Colleague",
    safetyRiskLabel: "Risk",
    plannedDate: "Date of the conversation",
    plannedTime: "Time",
    save: "Save preparation",
    saved: "✓ Preparation saved · {code}",
    planned: "Conversation",
    focus: "Focus",
    safetyFact: "Safety",
    safetyAll: "checked",
    safetyMissing: "not all checked — talk to your coordinator if in doubt",
    nudge: "I will remind you to reflect {time}.",
  },
  reflect: {
    title: "After conversation · {code}",
    goalsHeading: "Goal scale: where are you now? (0 = not at all, 10 = reached)",
    progress: "The citizen's progress (1–10), asked every second month",
    matchYes: "Yes",
    matchUnsure: "Unsure",
    matchNo: "No",
    matchWhy: "Say more if you like (optional)",
    sparringLabel: "Sparring",
    sparring: "Yes, I would like sparring with my coordinator",
    coordinatorNote: "If you answer unsure or no on the match, or ask for sparring, your coordinator is told the case code — not your answers.",
    save: "Save reflection",
    saved: "✓ Reflection saved · {code}",
    goalFact: "Goal",
    progressFact: "Progress",
    notified: "Your coordinator has been told and will contact you.",
    notReachable: "We could not notify your coordinator in Løft. Please contact them directly.",
    closingOffer: "The case is closing: use the closing dialogue when you meet the citizen for the last time.",
  },
  cases: {
    title: "My cases",
    prepare: "Prepare",
    reflect: "After conversation",
    goal: "{text}: {score}/10",
  },
  refusal: {
    cpr: "The answer to «{field}» contains a CPR number.",
    phone: "The answer to «{field}» contains a phone number.",
    email: "The answer to «{field}» contains an e-mail address.",
    required: "«{field}» is required.",
    tooLong: "The answer to «{field}» is too long (at most 2000 characters).",
    invalid: "«{field}» has an invalid value.",
    explain:
      "Løft must not store CPR numbers, phone numbers or e-mail addresses — the citizen is known only by the case code. Correct the answer and save again; your other answers are kept. Nothing has been saved yet.",
  },
  stale: {
    title: "This card can no longer be used",
    notFound: "The case does not exist (any more).",
    notYours: "This is not your case.",
    closed: "The case is closed, so nothing more can be saved on it.",
    changed: "The case has changed since this card was shown (e.g. new goals). Open a new card — nothing was saved.",
    reopen: "Open a new card",
  },
  notify: {
    flag: "Løft: {coach} has flagged case {code}: {flags}.",
    match: "unsure about the match ({match})",
    sparring: "would like sparring",
  },
  nudge: {
    title: "How did the conversation go? · {code}",
    text: "You prepared a conversation today. Take two minutes to reflect while you remember it.",
  },
  errors: {
    notMember: "You are not part of a mentor and relative-coach corps in Løft yet. Ask your coordinator to add you.",
    generic: "Something went wrong on our side. Your answer was not saved — please try again shortly.",
  },
};
