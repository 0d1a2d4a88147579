// Typed words (Danish and English) that reach the same places as the menu's buttons.
const WORDS: Array<[RegExp, string]> = [
  [/^(forbered|forberedelse|før|prepare|before)\b/, "prepare.open"],
  [/^(efter|refleksion|reflekter|after|reflect|reflection)\b/, "reflect.open"],
  [/^(mine forløb|forløb|cases|my cases)\b/, "cases.list"],
  [/^(hjælp|help|\?)/, "help"],
];

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
