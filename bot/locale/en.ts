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
  errors: {
    notMember: "You are not part of a mentor and relative-coach corps in Løft yet. Ask your coordinator to add you.",
    generic: "Something went wrong on our side. Your answer was not saved — please try again shortly.",
  },
};
