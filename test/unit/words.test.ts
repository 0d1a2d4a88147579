import { verbForRoles, verbForText } from "../../bot/words";

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
  ["nyt forløb", "coord.new"],
  ["Korpset", "setup.open"],
  ["alle forløb", "coord.cases"],
  ["akut", "concern.open"],
])("%p → %p", (text, verb) => {
  expect(verbForText(text)).toBe(verb);
});

test("a typed word means what the member's roles make it mean", () => {
  const status = verbForText("status");
  // «forløb»: a coach's own cases; a coordinator holding none: the corps' cases; both: their own.
  expect(verbForRoles(verbForText("forløb"), ["mentor"])).toBe("cases.list");
  expect(verbForRoles(verbForText("forløb"), ["coordinator"])).toBe("coord.cases");
  expect(verbForRoles(verbForText("forløb"), ["coordinator", "mentor"])).toBe("cases.list");
  // «status»: the cards a coach owes; a coordinator's settings; a leader: the menu.
  expect(verbForRoles(status, ["relativeCoach"])).toBe("checkin.open");
  expect(verbForRoles(status, ["coordinator"])).toBe("checkin.settings");
  expect(verbForRoles(status, ["leader"])).toBe("menu");
  expect(verbForRoles("prepare.open", ["coordinator"])).toBe("prepare.open");
});
