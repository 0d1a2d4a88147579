// Typed words (Danish and English) that reach the same places as the menu's buttons.

/** «status»: a coach's status cards owed, a coordinator's (who holds no cases) status settings. */
const STATUS = "status";

const WORDS: Array<[RegExp, string]> = [
  [/^(forbered|forberedelse|før|prepare|before)\b/, "prepare.open"],
  [/^(efter|refleksion|reflekter|after|reflect|reflection)\b/, "reflect.open"],
  // The coordinator's (anyone else who types them gets the menu, as for any coordinator's button).
  [/^(nyt forløb|ny sag|new case)\b/, "coord.new"],
  [/^(alle forløb|korpsets forløb|all cases)\b/, "coord.cases"],
  [/^(korpset|korps|roller|corps|roles)\b/, "setup.open"],
  [/^(månedlig status|status|monthly status)\b/, STATUS],
  [/^(akut|akut bekymring|urgent)\b/, "concern.open"],
  [/^(mine forløb|forløb|cases|my cases)\b/, "cases.list"],
  [/^(hjælp|help|\?)/, "help"],
];

/**
 * A typed word as the member's roles make it: «forløb» is a coach's own cases but a coordinator's corps' cases (when
 * they hold none themselves), «status» a coach's cards owed but a coordinator's settings.
 */
export function verbForRoles(verb: string, roles: readonly string[]): string {
  const coach = roles.includes("mentor") || roles.includes("relativeCoach");
  const coordinator = roles.includes("coordinator");
  if (verb === "cases.list" && !coach && coordinator) return "coord.cases";
  if (verb === STATUS) return coach ? "checkin.open" : coordinator ? "checkin.settings" : "menu";
  return verb;
}

/** A greeting, or asking for the menu: the menu. */
const GREETING = /^(hej|hejsa|hey|hi|hello|hallo|goddag|godmorgen|god morgen|dav|menu|menuen|start|løft)\b[\s!.]*$/;

/**
 * The verb a typed message asks for: one of the words above, the menu for a greeting (or nothing), and the help card
 * for anything else — a question Løft cannot answer gets the way to what it can do, never silence.
 */
export function verbForText(text: string | undefined): string {
  const clean = (text ?? "")
    .replace(/<at>.*?<\/at>/g, "") // an @mention of the bot in a channel
    .trim()
    .toLowerCase();
  for (const [re, verb] of WORDS) if (re.test(clean)) return verb;
  return clean === "" || GREETING.test(clean) ? "menu" : "help";
}
