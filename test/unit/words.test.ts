import { verbForText } from "../../bot/words";

test.each([
  ["Forbered", "prepare.open"],
  ["forbered samtale", "prepare.open"],
  ["prepare", "prepare.open"],
  ["efter samtale", "reflect.open"],
  ["After", "reflect.open"],
  ["mine forløb", "cases.list"],
  ["cases", "cases.list"],
  ["hjælp", "help"],
  ["Help", "help"],
  ["<at>Løft</at> hjælp", "help"],
  ["hej", "menu"],
  ["Hej!", "menu"],
  ["menu", "menu"],
  ["<at>Løft</at>", "menu"],
  ["Hvordan sletter jeg en refleksion?", "help"],
  ["kan du sende mig statistikken", "help"],
  ["hej, hvordan retter jeg et mål?", "help"],
  ["", "menu"],
  [undefined, "menu"],
])("%p → %p", (text, verb) => {
  expect(verbForText(text)).toBe(verb);
});
