// Typed words (Danish and English) that reach the same places as the menu's buttons.
const WORDS: Array<[RegExp, string]> = [
  [/^(forbered|forberedelse|før|prepare|before)\b/, "prepare.open"],
  [/^(efter|refleksion|reflekter|after|reflect|reflection)\b/, "reflect.open"],
  [/^(mine forløb|forløb|cases|my cases)\b/, "cases.list"],
  [/^(hjælp|help|\?)/, "help"],
];

/** The verb a typed message asks for, or "menu" for anything else. */
export function verbForText(text: string | undefined): string {
  const clean = (text ?? "")
    .replace(/<at>.*?<\/at>/g, "") // an @mention of the bot in a channel
    .trim()
    .toLowerCase();
  for (const [re, verb] of WORDS) if (re.test(clean)) return verb;
  return "menu";
}
