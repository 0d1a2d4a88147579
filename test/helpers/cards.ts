// What every card we send must satisfy (ARCHITECTURE.md "Cards are data"): Teams renders ≤ v1.5, every input
// has an id and a label, every action carries a verb, nothing is left unbound, and the message stays small.
export function cardProblems(card: any): string[] {
  const problems: string[] = [];
  if (card?.type !== "AdaptiveCard") problems.push("not an AdaptiveCard");
  const [major, minor] = String(card?.version ?? "").split(".").map(Number);
  if (!(major === 1 && minor <= 5)) problems.push(`version ${card?.version} is above 1.5`);
  if (JSON.stringify(card).length > 28_000) problems.push("card is over 28 KB");
  const ids = new Set<string>();
  const walk = (node: any, where: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
    if (!node || typeof node !== "object") {
      if (typeof node === "string" && node.includes("${")) problems.push(`${where}: unbound ${node}`);
      return;
    }
    const type = String(node.type ?? "");
    if (type.startsWith("Input.")) {
      if (!node.id) problems.push(`${where}: ${type} without id`);
      if (!node.label) problems.push(`${where}: ${type} ${node.id} without label`);
      if (node.id && ids.has(node.id)) problems.push(`${where}: duplicate id ${node.id}`);
      ids.add(node.id);
    }
    if (type === "Action.Execute" && (!node.verb || node.data?.verb !== node.verb)) problems.push(`${where}: Action.Execute without verb`);
    if (type === "Action.Submit" && !node.data?.verb) problems.push(`${where}: Action.Submit without verb`);
    for (const [k, v] of Object.entries(node)) walk(v, `${where}.${k}`);
  };
  walk(card, "card");
  // A button that leaves never validates the form (issue 21): on a card with a required input, every action but the
  // one that saves must say `associatedInputs: "none"`, or «Tilbage» answers "Skal udfyldes" and stays. And one «Menu».
  const actions: any[] = [];
  const collect = (node: any) => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== "object") return;
    if (node.type === "Action.Execute") actions.push(node);
    Object.values(node).forEach(collect);
  };
  collect(card);
  const hasRequired = /"isRequired":true/.test(JSON.stringify(card));
  const saves = (verb: string) => /submit|create|confirm/i.test(verb);
  if (hasRequired) for (const a of actions) if (!saves(a.verb) && a.associatedInputs !== "none") problems.push(`action ${a.verb} («${a.title}») validates the form`);
  if (actions.filter((a) => a.verb === "menu").length > 1) problems.push("more than one «Menu» button");
  return problems;
}

/** No dead ends in a chat with Løft: a card leads back to the menu (or is the menu, which leads to help). */
export const leadsToMenu = (card: any): boolean => /"verb":"(menu|help)"/.test(JSON.stringify(card));

/** All visible text of a card, for assertions on what a user reads. */
export function cardText(card: any): string {
  const out: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const k of ["text", "title", "label", "placeholder", "value"]) if (typeof node[k] === "string") out.push(node[k]);
    Object.values(node).forEach(walk);
  };
  walk(card);
  return out.join("\n");
}

export function actionTitles(card: any): string[] {
  const out: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (typeof node.type === "string" && node.type.startsWith("Action.") && node.title) out.push(node.title);
    Object.values(node).forEach(walk);
  };
  walk(card?.actions ?? []);
  walk(card?.body ?? []);
  return out;
}

/** The action with this verb (in the card's actions or in any ActionSet). */
export function findAction(card: any, verb: string, pick: (data: any) => boolean = () => true): any {
  let found: any;
  const walk = (node: any) => {
    if (found || !node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (node.type === "Action.Execute" && node.verb === verb && pick(node.data)) found = node;
    Object.values(node).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no action ${verb} on the card`);
  return found;
}

/** Every input's current value, as Teams sends them with an Action.Execute. */
export function inputValues(card: any): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: any) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node.type === "string" && node.type.startsWith("Input.")) {
      out[node.id] = node.value === undefined ? (node.type === "Input.Toggle" ? node.valueOff ?? "false" : "") : String(node.value);
    }
    Object.values(node).forEach(walk);
  };
  walk(card?.body);
  return out;
}

export function inputById(card: any, id: string): any {
  return findById(card, id, (node) => typeof node.type === "string" && node.type.startsWith("Input."));
}

/** The element with this id (an input, a container) anywhere in `node`, a card or a part of one. */
export function findById(node: any, id: string, also: (node: any) => boolean = () => true): any {
  let found: any;
  const walk = (n: any) => {
    if (found || !n || typeof n !== "object") return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.id === id && also(n)) found = n;
    Object.values(n).forEach(walk);
  };
  walk(node?.type === "AdaptiveCard" ? node.body : node);
  return found;
}

/** What a message says: its text, or its card's text blocks (not its buttons), one per line. */
export function messageText(body: any): string {
  if (typeof body?.text === "string" && body.text) return body.text;
  const card = body?.attachments?.[0]?.content;
  return (card?.body ?? []).filter((b: any) => b.type === "TextBlock").map((b: any) => b.text).join("\n");
}
