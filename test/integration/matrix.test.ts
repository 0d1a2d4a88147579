// Every role × every case route and flow, with two corps in two tenants (issue 22: "nothing crosses").
//
// Corps A is the demo corps (tenant A, seeded on start); corps B is a second corps in another tenant, with its own
// team, one member of every role, one member without a role, and cases of both kinds and in every state that matters.
// Each person of each corps asks for cases of both corps — over the tab's API with their own token, and by pressing the
// bot's case verbs in their own personal chat — and the tables below say what each role gets in its own corps. Whatever
// the role, an answer never names a case (code or id) or a person of the other corps, never a case of its own corps
// the role does not reach, and a case of the other corps answers exactly as a case that does not exist. Cards of one's
// own corps submitted with the other corps' case in them change nothing there; only a corps' own coordinator erases its
// case; and at the end each corps' access log, entries and jobs name only its own people and cases.
import { startTestApp, TEST_START } from "../helpers/app";
import { cardProblems, cardText, findAction } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { execute, post, type TeamsUser } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { catalogue, fill } from "../../bot/locale";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { manualClock } from "../../src/domain/clock";
import { corpsIdFor, teamKey, withMembership } from "../../src/domain/corps";
import { DEMO } from "../../src/domain/demo";
import { emptyCaseIndex, withCase } from "../../src/domain/derive";
import { Case, memberDocId, ROLES, userKey, type CaseKind, type CaseStatus, type Member, type Role } from "../../src/domain/model";

const clock = manualClock(TEST_START);
const t = catalogue("da");
let app: RunningApp & { dataDir: string };
let connector: FakeConnector;

// ── The two corps, their people and their cases ─────────────────────────────────────────────────────────────────────

type CorpsName = "A" | "B";
const CORPS_NAMES: readonly CorpsName[] = ["A", "B"];
const OTHER: Record<CorpsName, CorpsName> = { A: "B", B: "A" };
const TENANT: Record<CorpsName, string> = { A: DEMO.tenantId, B: "0000000b-0000-0000-0000-00000000000b" };
const TEAM_B = "19:matrix-nabo@thread.tacv2";
const CORPS_ID: Record<CorpsName, string> = { A: DEMO.corpsId, B: corpsIdFor(TENANT.B, TEAM_B) };
const TEAM: Record<CorpsName, string> = { A: DEMO.teamId, B: TEAM_B };

/** Every role (ROLES), and someone in the corps' team who was given none. */
type Persona = Role | "noRole";
const PERSONAS: readonly Persona[] = [...ROLES, "noRole"];

interface Person extends TeamsUser {
  aadObjectId: string;
  tenantId: string;
  corps: CorpsName;
  persona: Persona;
  roles: Role[];
}
const person = (corps: CorpsName, persona: Persona, aadObjectId: string, name: string): Person => ({
  aadObjectId,
  name,
  tenantId: TENANT[corps],
  corps,
  persona,
  roles: persona === "noRole" ? [] : [persona],
});
const PEOPLE: Record<CorpsName, Record<Persona, Person>> = {
  A: {
    mentor: person("A", "mentor", DEMO.mentor, "Demo Mentor"),
    relativeCoach: person("A", "relativeCoach", DEMO.relativeCoach, "Demo Pårørendecoach"),
    coordinator: person("A", "coordinator", DEMO.coordinator, "Demo Koordinator"),
    leader: person("A", "leader", DEMO.leader, "Demo Leder"),
    dpo: person("A", "dpo", "0000000d-0000-0000-0000-0000000000a5", "Dorte Databeskyttelse"),
    noRole: person("A", "noRole", "0000000d-0000-0000-0000-0000000000a6", "Ulla Udenrolle"),
  },
  B: {
    mentor: person("B", "mentor", "0000000b-0000-0000-0000-0000000000b1", "Nanna Nord"),
    relativeCoach: person("B", "relativeCoach", "0000000b-0000-0000-0000-0000000000b2", "Niels Nord"),
    coordinator: person("B", "coordinator", "0000000b-0000-0000-0000-0000000000b3", "Nina Nord"),
    leader: person("B", "leader", "0000000b-0000-0000-0000-0000000000b4", "Noah Nord"),
    dpo: person("B", "dpo", "0000000b-0000-0000-0000-0000000000b5", "Nikolaj Nord"),
    noRole: person("B", "noRole", "0000000b-0000-0000-0000-0000000000b6", "Naja Nord"),
  },
};
/** B's second mentor: holds B's throwaway case, which nobody above reaches as a coach. */
const B_MENTOR2 = person("B", "mentor", "0000000b-0000-0000-0000-0000000000b7", "Nete Nord");

/**
 * The cases every person asks for, in each corps: the mentor's active case, the relative coach's active case, the
 * mentor's case in its closing phase, and the mentor's case closed five days ago (its after-reflection still open).
 * Corps A's first three come from the demo; the rest are written here, with codes holding a 0 or a 1, which generated
 * codes never do (CODE_CHARS), so they never collide with the demo's.
 */
type Slot = "mentor" | "relativeCoach" | "closing" | "closed";
const SLOTS: readonly Slot[] = ["mentor", "relativeCoach", "closing", "closed"];
const CASES = {} as Record<CorpsName, Record<Slot, Case>>;
/** One case per corps that only that corps' coordinator may erase (and does, over the API). */
const THROWAWAY = {} as Record<CorpsName, Case>;
/** Every case of each corps and every name of its people, as set up. */
const ALL = {} as Record<CorpsName, { cases: Case[]; names: string[]; people: string[] }>;
/** A case id no corps has: what a case of the other corps must answer like. */
const NO_CASE = "case-does-not-exist";

function newCase(corps: CorpsName, id: string, code: string, kind: CaseKind, coachId: string, status: CaseStatus): Case {
  return Case.parse({
    type: "case",
    id,
    corpsId: CORPS_ID[corps],
    code,
    kind,
    coachId,
    coordinatorId: PEOPLE[corps].coordinator.aadObjectId,
    status,
    referral: { receivedAt: "2026-09-01T10:00:00Z", dimensions: [2, 9] },
    goalForm: { worries: "Frafald fra skolen.", working: "Møder op til aftaler.", goals: [{ id: "g1", text: "Komme i praktik", score: 3 }] },
    openedAt: "2026-09-10T10:00:00Z",
    startedAt: "2026-09-10T10:00:00Z",
    ...(status === "closed" ? { closedAt: "2026-11-20T10:00:00Z", closeReason: "goalsReached" } : {}),
    version: 1,
  });
}

async function storeCase(c: Case): Promise<Case> {
  await app.store.repos.cases.create(c);
  // As the deriver does for every case change: the coach's case index lists it.
  await app.store.repos.caseIndex.update(c.corpsId, c.coachId, (ix) => withCase(ix ?? emptyCaseIndex(c.corpsId, c.coachId), c));
  return c;
}

/** A role given as the set-up card gives it: the member document, then the directory entry (of the person's tenant). */
async function addMember(p: Person): Promise<void> {
  const member: Member = { type: "member", id: memberDocId(p.aadObjectId), corpsId: CORPS_ID[p.corps], aadObjectId: p.aadObjectId, name: p.name, roles: p.roles };
  await app.store.repos.members.upsert(member);
  await app.store.repos.directory.upsert(withMembership(await app.store.repos.directory.get(userKey(p.tenantId, p.aadObjectId)), p.tenantId, member));
}

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock }), startFakeConnector()]);
  const repos = app.store.repos;
  // Corps B: its own tenant and team, as its coordinator's set-up leaves it.
  await repos.corps.upsert({ type: "corps", id: CORPS_ID.B, corpsId: CORPS_ID.B, name: "Nabo Kommune", municipalityCode: "0751", tenantId: TENANT.B, teamId: TEAM_B, channelId: TEAM_B, extraDaysOff: [], setup: "done" });
  await repos.teams.create({ type: "team", id: teamKey(TENANT.B, TEAM_B), corpsId: CORPS_ID.B });
  for (const p of [...Object.values(PEOPLE.B), B_MENTOR2, PEOPLE.A.dpo, PEOPLE.A.noRole]) await addMember(p);

  const demo = await repos.cases.list(CORPS_ID.A);
  const first = (pred: (c: Case) => boolean) => demo.find(pred)!;
  CASES.A = {
    mentor: first((c) => c.coachId === DEMO.mentor && c.status === "active"),
    relativeCoach: first((c) => c.coachId === DEMO.relativeCoach && c.status === "active"),
    closing: first((c) => c.coachId === DEMO.mentor && c.status === "closing"),
    closed: await storeCase(newCase("A", "case-matrix-a-closed", "ME-0A01", "mentor", DEMO.mentor, "closed")),
  };
  const b = PEOPLE.B;
  CASES.B = {
    mentor: await storeCase(newCase("B", "case-matrix-b-mentor", "ME-0B01", "mentor", b.mentor.aadObjectId, "active")),
    relativeCoach: await storeCase(newCase("B", "case-matrix-b-relative", "PC-0B02", "relativeCoach", b.relativeCoach.aadObjectId, "active")),
    closing: await storeCase(newCase("B", "case-matrix-b-closing", "ME-0B03", "mentor", b.mentor.aadObjectId, "closing")),
    closed: await storeCase(newCase("B", "case-matrix-b-closed", "ME-0B04", "mentor", b.mentor.aadObjectId, "closed")),
  };
  THROWAWAY.A = await storeCase(newCase("A", "case-matrix-a-throwaway", "ME-0A02", "mentor", DEMO.mentor2, "active"));
  THROWAWAY.B = await storeCase(newCase("B", "case-matrix-b-throwaway", "ME-0B05", "mentor", B_MENTOR2.aadObjectId, "active"));
  // B's mentor prepares a conversation on their case, through the bot: B's case has an entry and a plan, as A's have.
  const prep = await press(b.mentor, "prepare.open", { caseId: CASES.B.mentor.id });
  const saved = await press(b.mentor, "prepare.submit", { ...findAction(prep.card, "prepare.submit").data, ...filledInputs(prep.card) });
  expect(saved.shown).toContain(fill(t.prepare.saved, { code: CASES.B.mentor.code }));
  expect(await repos.entries.listForCase(CORPS_ID.B, CASES.B.mentor.id)).toHaveLength(1);
  for (const corps of CORPS_NAMES) {
    const members = await repos.members.list(CORPS_ID[corps]);
    ALL[corps] = { cases: await repos.cases.list(CORPS_ID[corps]), names: members.map((m) => m.name), people: members.map((m) => m.aadObjectId.toLowerCase()) };
  }
  // The two corps share no code, no case id, no person and no name (nor a name inside another).
  expect(ALL.B.cases.filter((c) => ALL.A.cases.some((x) => x.code === c.code || x.id === c.id))).toEqual([]);
  expect(ALL.B.people.filter((id) => ALL.A.people.includes(id))).toEqual([]);
  expect(ALL.B.names.filter((n) => ALL.A.names.some((m) => m.includes(n) || n.includes(m)))).toEqual([]);
  // The demo has each case asked for.
  expect(SLOTS.filter((slot) => !CASES.A[slot])).toEqual([]);
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

// ── What a person reaches, and what an answer names ─────────────────────────────────────────────────────────────────

const CODE = /\b(?:ME|PC)-[0-9A-Z]{4}\b/g;
/** The case codes an answer names anywhere (its whole JSON or text: what is shown, and the actions' data). */
const codesIn = (text: string): string[] => [...new Set(text.match(CODE) ?? [])].sort();
const codesOf = (cases: readonly Case[]) => cases.map((c) => c.code).sort();

const isCoach = (p: Person) => p.persona === "mentor" || p.persona === "relativeCoach";
/** Whether the person reaches the case as its coach or as a coordinator (DOMAIN: a coach their own, a coordinator the corps'). */
function reachesAs(p: Person, c: Case, as: "coach" | "coordinator"): boolean {
  if (c.corpsId !== CORPS_ID[p.corps]) return false;
  return as === "coordinator" ? p.persona === "coordinator" : isCoach(p) && c.coachId.toLowerCase() === p.aadObjectId.toLowerCase();
}
/** Every case of their corps the person reaches at all; leaders, DPOs and members without a role reach none. */
const reach = (p: Person): Case[] => ALL[p.corps].cases.filter((c) => reachesAs(p, c, "coach") || reachesAs(p, c, "coordinator"));

/**
 * What is wrong with an answer to `p`, whatever they asked: anything of the other corps (a code, a case id other than
 * the one they sent, a person's name), or a code of their own corps they do not reach (`mayName`: "corps" where the
 * answer is the corps' access log, which names the corps' cases by code).
 */
function leaks(p: Person, text: string, sent?: string, mayName: "reach" | "corps" = "reach"): string[] {
  const other = ALL[OTHER[p.corps]];
  const allowed = new Set(codesOf(mayName === "corps" ? ALL[p.corps].cases : reach(p)));
  return [
    ...other.cases.filter((c) => text.includes(c.code)).map((c) => `names the other corps' case ${c.code}`),
    ...other.cases.filter((c) => c.id !== sent && text.includes(c.id)).map((c) => `names the other corps' case id ${c.id}`),
    ...other.names.filter((n) => text.includes(n)).map((n) => `names ${n} of the other corps`),
    ...codesIn(text)
      .filter((code) => !allowed.has(code) && !other.cases.some((c) => c.code === code))
      .map((code) => `names ${code}, a case of their corps out of their reach`),
  ];
}

// ── Talking to the API and to the bot as a person ───────────────────────────────────────────────────────────────────

/** A request from the Teams tab, with the person's SSO token (their own tenant, unless `tenantId` says otherwise). */
async function api(p: Person, method: string, path: string, headers: Record<string, string> = {}, tenantId = p.tenantId) {
  const token = await devToken(app.dataDir, { aadObjectId: p.aadObjectId, tenantId, audience: LOCAL_AUDIENCE, now: clock() });
  const res = await fetch(`${app.url}/api${path}`, { method, headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: res.status, text: await res.text() };
}

interface Answer {
  /** What the person reads: the card's text, or the message. */
  shown: string;
  /** All of it: the card's JSON (its actions' data too), or the message. */
  json: string;
  card?: any;
}

/** An Action.Execute in the person's personal chat with Løft, from their tenant: the answer as Teams gets it. */
async function press(p: Person, verb: string, data: Record<string, unknown> = {}, tenantId = p.tenantId): Promise<Answer> {
  const res = await post(app.url, execute({ ...p, tenantId }, connector.serviceUrl, verb, { verb, ...data }));
  if (res.status !== 200) throw new Error(`${verb} answered ${res.status}`);
  const body = res.body as { type: string; value: any };
  if (body.type !== "application/vnd.microsoft.card.adaptive") return { shown: String(body.value), json: String(body.value) };
  const problems = cardProblems(body.value);
  if (problems.length) throw new Error(`${verb}: invalid card: ${problems.join("; ")}`);
  return { shown: cardText(body.value), json: JSON.stringify(body.value), card: body.value };
}

/** The answers every person gets when a verb is not theirs, or they have no role. */
const isMenu = (p: Person, a: Answer) => !!a.card && a.shown.includes(fill(t.menu.greeting, { name: p.name.split(" ")[0] })) && a.json.includes('"verb":"help"');
const noRoleText = (p: Person) => fill(t.errors.noRole, { coordinators: PEOPLE[p.corps].coordinator.name });

// ── The bot: what each role gets for a case of its own corps ────────────────────────────────────────────────────────

/**
 * The case verbs (bot/verbs/index.ts): as whom they reach the case (a coach's verb is for any member and finds only
 * their own cases; a coordinator's verb gives anyone else the menu) and in which states of the case its card shows it.
 */
const ALL_STATES: readonly CaseStatus[] = ["active", "closing", "closed"];
const CASE_VERBS: Record<string, { as: "coach" | "coordinator"; shows: readonly CaseStatus[] }> = {
  "cases.open": { as: "coach", shows: ALL_STATES }, // a closed case: its after-reflection
  "entries.list": { as: "coach", shows: ALL_STATES },
  "prepare.open": { as: "coach", shows: ["active", "closing"] },
  "reflect.open": { as: "coach", shows: ["active", "closing"] },
  "measure.open": { as: "coach", shows: ["active", "closing"] },
  "closing.open": { as: "coach", shows: ["closing"] },
  "after.open": { as: "coach", shows: ["closed"] },
  "coord.case": { as: "coordinator", shows: ALL_STATES },
  "coord.access": { as: "coordinator", shows: ALL_STATES },
  "coord.erase": { as: "coordinator", shows: ALL_STATES },
  "coord.goals": { as: "coordinator", shows: ["active", "closing"] },
  "coord.reassign": { as: "coordinator", shows: ["active", "closing"] },
  "coord.pauseOpen": { as: "coordinator", shows: ["active"] },
  "coord.close": { as: "coordinator", shows: ["active", "closing"] },
  "coord.after": { as: "coordinator", shows: ["closed"] },
};

type Expected = "the case" | "the menu" | "not found" | "no role" | "not the case";
/** What `p` gets pressing `verb` on a case `c` of their own corps. */
function expectedOwn(p: Person, verb: string, c: Case): Expected {
  const v = CASE_VERBS[verb];
  if (p.persona === "noRole") return "no role";
  if (v.as === "coordinator" && p.persona !== "coordinator") return "the menu";
  if (!reachesAs(p, c, v.as)) return "not found";
  return v.shows.includes(c.status) ? "the case" : "not the case";
}

function mismatch(p: Person, c: Case, a: Answer, expected: Expected): string | undefined {
  const ok = {
    "the case": () => a.shown.includes(c.code),
    "not the case": () => !a.json.includes(c.code),
    "the menu": () => isMenu(p, a),
    "not found": () => !!a.card && a.shown.includes(t.stale.notFound),
    "no role": () => a.shown === noRoleText(p),
  }[expected]();
  return ok ? undefined : `expected ${expected}, got «${a.shown.slice(0, 90).replace(/\n/g, " ")}»`;
}

/** The other corps' cases each corps' people press: B's people every case of A's, A's people two of B's. */
const FOREIGN_SLOTS: Record<CorpsName, readonly Slot[]> = { B: SLOTS, A: ["mentor", "closed"] };
/**
 * A verb the person's role may not press (a coordinator's, for anyone else) and any verb of someone without a role are
 * answered before any case is read (bot/turn.ts: the menu, or the sentence for no role); such presses are made on one
 * case of each corps only, which keeps the file fast (every menu works out the month's check-in days).
 */
const gated = (p: Person, verb: string) => p.persona === "noRole" || (CASE_VERBS[verb].as === "coordinator" && p.persona !== "coordinator");

describe.each(CORPS_NAMES)("the bot, corps %s: every role presses every case verb on cases of both corps", (corps) => {
  test.each(PERSONAS)("%s", async (persona) => {
    const p = PEOPLE[corps][persona];
    const problems: string[] = [];
    for (const verb of Object.keys(CASE_VERBS)) {
      const own = SLOTS.slice(0, gated(p, verb) ? 1 : undefined).map((slot) => ({ slot, c: CASES[corps][slot] }));
      const foreign = FOREIGN_SLOTS[corps].slice(0, gated(p, verb) ? 1 : undefined).map((slot) => ({ slot, c: CASES[OTHER[corps]][slot] }));
      const [missing, ...answers] = await Promise.all([press(p, verb, { caseId: NO_CASE }), ...[...own, ...foreign].map(({ c }) => press(p, verb, { caseId: c.id }))]);
      own.forEach(({ slot, c }, i) => {
        const a = answers[i];
        const wrong = mismatch(p, c, a, expectedOwn(p, verb, c));
        if (wrong) problems.push(`${verb} on their corps' ${slot} case ${c.code}: ${wrong}`);
        for (const leak of leaks(p, a.json, c.id)) problems.push(`${verb} on their corps' ${slot} case: ${leak}`);
      });
      // A case of the other corps: exactly what a case that does not exist gets — never its code.
      foreign.forEach(({ slot, c }, i) => {
        const a = answers[own.length + i];
        if (a.shown !== missing.shown) problems.push(`${verb} on the other corps' ${slot} case ${c.code}: «${a.shown.slice(0, 90)}», not as for no case «${missing.shown.slice(0, 90)}»`);
        for (const leak of leaks(p, a.json, c.id)) problems.push(`${verb} on the other corps' ${slot} case: ${leak}`);
      });
    }
    expect(problems).toEqual([]);
  });
});

/**
 * The verbs about no one case: what each role gets. "the menu": the verb is not theirs. "own open cases": exactly the
 * person's open cases; "corps' open cases": exactly the corps' open cases; "corps' log": the corps' access log (its
 * cases by code, nothing else's); "retention": the retention card; "no cases": an answer naming no case.
 */
type ListAnswer = "own open cases" | "corps' open cases" | "corps' log" | "retention" | "no cases" | "the menu" | "no role";
const LIST_VERBS: Record<string, Record<Persona, ListAnswer>> = {
  "cases.list": { mentor: "own open cases", relativeCoach: "own open cases", coordinator: "no cases", leader: "no cases", dpo: "no cases", noRole: "no role" },
  "coord.cases": { mentor: "the menu", relativeCoach: "the menu", coordinator: "corps' open cases", leader: "the menu", dpo: "the menu", noRole: "no role" },
  "privacy.log": { mentor: "the menu", relativeCoach: "the menu", coordinator: "corps' log", leader: "the menu", dpo: "corps' log", noRole: "no role" },
  "retention.open": { mentor: "the menu", relativeCoach: "the menu", coordinator: "retention", leader: "retention", dpo: "the menu", noRole: "no role" },
};

describe.each(CORPS_NAMES)("the bot, corps %s: the lists and logs", (corps) => {
  test.each(PERSONAS)("%s", async (persona) => {
    const p = PEOPLE[corps][persona];
    const open = (cases: Case[]) => codesOf(cases.filter((c) => c.status !== "closed"));
    const problems: string[] = [];
    for (const [verb, expected] of Object.entries(LIST_VERBS)) {
      // As the button sends it, and as a card naming the other corps sends it: that acts nowhere (the menu).
      const [a, stray] = await Promise.all([press(p, verb), press(p, verb, { corpsId: CORPS_ID[OTHER[corps]] })]);
      const ok = {
        "own open cases": () => JSON.stringify(codesIn(a.json)) === JSON.stringify(open(reach(p))) && codesIn(a.json).length > 0,
        "corps' open cases": () => JSON.stringify(codesIn(a.json)) === JSON.stringify(open(ALL[corps].cases)),
        "corps' log": () => a.shown.includes(t.privacy.title),
        retention: () => a.shown.includes(t.retention.title) && codesIn(a.json).length === 0,
        "no cases": () => codesIn(a.json).length === 0,
        "the menu": () => isMenu(p, a),
        "no role": () => a.shown === noRoleText(p),
      }[expected[persona]]();
      if (!ok) problems.push(`${verb}: expected ${expected[persona]}, got «${a.shown.slice(0, 120).replace(/\n/g, " ")}»`);
      for (const leak of leaks(p, a.json, undefined, expected[persona] === "corps' log" ? "corps" : "reach")) problems.push(`${verb}: ${leak}`);
      if (!(persona === "noRole" ? stray.shown === noRoleText(p) : isMenu(p, stray))) problems.push(`${verb} naming the other corps: «${stray.shown.slice(0, 90)}», not the menu`);
      for (const leak of leaks(p, stray.json)) problems.push(`${verb} naming the other corps: ${leak}`);
    }
    expect(problems).toEqual([]);
  });
});

test("a person's object id in the other tenant is nobody: the bot does not know them, the API refuses them", async () => {
  for (const corps of CORPS_NAMES) {
    const p = PEOPLE[corps].coordinator;
    const elsewhere = TENANT[OTHER[corps]];
    for (const verb of ["coord.case", "coord.cases", "cases.open", "privacy.log"]) {
      for (const c of [CASES.A.mentor, CASES.B.mentor]) expect((await press(p, verb, { caseId: c.id }, elsewhere)).shown).toBe(t.errors.notMember);
    }
    for (const path of ["/me", "/cases", "/access", "/dashboard", `/cases/${CASES.A.mentor.id}/export`, `/cases/${CASES.B.mentor.id}/export`]) {
      expect([corps, path, (await api(p, "GET", path, {}, elsewhere)).status]).toEqual([corps, path, 403]);
    }
  }
});

// ── The tab's API ───────────────────────────────────────────────────────────────────────────────────────────────────

/** An HTTP status for each role. */
type ByRole = Record<Persona, number>;

/** The routes about no one case: the status each role gets (src/api/index.ts), and what a 200 may name. */
const ROUTES: Record<string, { expect: ByRole; names: "reach" | "corps" | "none" }> = {
  "/me": { expect: { mentor: 200, relativeCoach: 200, coordinator: 200, leader: 200, dpo: 200, noRole: 403 }, names: "none" },
  "/cases": { expect: { mentor: 200, relativeCoach: 200, coordinator: 200, leader: 403, dpo: 403, noRole: 403 }, names: "reach" },
  "/mine": { expect: { mentor: 200, relativeCoach: 200, coordinator: 403, leader: 403, dpo: 403, noRole: 403 }, names: "reach" },
  "/dashboard": { expect: { mentor: 403, relativeCoach: 403, coordinator: 200, leader: 200, dpo: 403, noRole: 403 }, names: "none" },
  "/dashboard.csv": { expect: { mentor: 403, relativeCoach: 403, coordinator: 200, leader: 200, dpo: 403, noRole: 403 }, names: "none" },
  "/learning.csv": { expect: { mentor: 403, relativeCoach: 403, coordinator: 200, leader: 403, dpo: 403, noRole: 403 }, names: "reach" },
  "/access": { expect: { mentor: 403, relativeCoach: 403, coordinator: 200, leader: 403, dpo: 200, noRole: 403 }, names: "corps" },
  "/implementation": { expect: { mentor: 403, relativeCoach: 403, coordinator: 200, leader: 200, dpo: 403, noRole: 403 }, names: "none" },
};

/**
 * The routes about one case: the status for a case of the person's own corps and for one of the other corps. Only
 * the corps' coordinators reach a case here; a case of another corps is not found (404) for them, and 403 for anyone
 * else, as for any case. DELETE is asked with a wrong code for a case of one's own corps (nothing may be erased here)
 * and with the case's right code for one of the other corps.
 */
const CASE_ROUTES: Record<string, { method: string; path: (c: Case, own: boolean) => string; own: ByRole; other: ByRole }> = {
  "GET /cases/:id/access": {
    method: "GET",
    path: (c) => `/cases/${c.id}/access`,
    own: { mentor: 403, relativeCoach: 403, coordinator: 200, leader: 403, dpo: 403, noRole: 403 },
    other: { mentor: 403, relativeCoach: 403, coordinator: 404, leader: 403, dpo: 403, noRole: 403 },
  },
  "GET /cases/:id/export": {
    method: "GET",
    path: (c) => `/cases/${c.id}/export`,
    own: { mentor: 403, relativeCoach: 403, coordinator: 200, leader: 403, dpo: 403, noRole: 403 },
    other: { mentor: 403, relativeCoach: 403, coordinator: 404, leader: 403, dpo: 403, noRole: 403 },
  },
  "GET /cases/:id/export?format=html": {
    method: "GET",
    path: (c) => `/cases/${c.id}/export?format=html`,
    own: { mentor: 403, relativeCoach: 403, coordinator: 200, leader: 403, dpo: 403, noRole: 403 },
    other: { mentor: 403, relativeCoach: 403, coordinator: 404, leader: 403, dpo: 403, noRole: 403 },
  },
  "DELETE /cases/:id?confirm=": {
    method: "DELETE",
    path: (c, own) => `/cases/${c.id}?confirm=${own ? "ZZ-0000" : c.code}`,
    own: { mentor: 403, relativeCoach: 403, coordinator: 400, leader: 403, dpo: 403, noRole: 403 },
    other: { mentor: 403, relativeCoach: 403, coordinator: 404, leader: 403, dpo: 403, noRole: 403 },
  },
};

describe.each(CORPS_NAMES)("the API, corps %s: every role on every route, for cases of both corps", (corps) => {
  test.each(PERSONAS)("%s", async (persona) => {
    const p = PEOPLE[corps][persona];
    const problems: string[] = [];
    for (const [path, route] of Object.entries(ROUTES)) {
      const res = await api(p, "GET", path);
      const expected = route.expect[persona];
      if (res.status !== expected) problems.push(`GET ${path}: ${res.status}, expected ${expected}`);
      for (const leak of leaks(p, res.text, undefined, route.names === "corps" ? "corps" : "reach")) problems.push(`GET ${path}: ${leak}`);
      if (res.status !== 200 || route.names === "none") {
        if (codesIn(res.text).length) problems.push(`GET ${path} (${res.status}) names cases: ${codesIn(res.text).join(", ")}`);
      }
      // The case list is exactly the cases the person reaches: a coordinator's corps', a coach's own.
      if (path === "/cases" && res.status === 200) {
        const listed = (JSON.parse(res.text).cases as Array<{ code: string }>).map((c) => c.code).sort();
        if (JSON.stringify(listed) !== JSON.stringify(codesOf(reach(p)))) problems.push(`GET /cases lists ${listed.join(", ")}, not the ${reach(p).length} cases they reach`);
      }
    }
    for (const [name, route] of Object.entries(CASE_ROUTES)) {
      for (const own of [true, false]) {
        const cases = SLOTS.map((slot) => CASES[own ? corps : OTHER[corps]][slot]);
        const results = await Promise.all(cases.map((c) => api(p, route.method, route.path(c, own))));
        cases.forEach((c, i) => {
          const res = results[i];
          const expected = route[own ? "own" : "other"][persona];
          const where = `${name} on ${own ? "their corps'" : "the other corps'"} case ${c.code}`;
          if (res.status !== expected) problems.push(`${where}: ${res.status}, expected ${expected}`);
          if (res.status === 200 && !res.text.includes(c.code)) problems.push(`${where}: 200 without the case's code`);
          if (res.status !== 200 && codesIn(res.text).length) problems.push(`${where}: ${res.status} names ${codesIn(res.text).join(", ")}`);
          for (const leak of leaks(p, res.text, c.id)) problems.push(`${where}: ${leak}`);
        });
      }
    }
    // The tab naming the other corps (its team, or the corps picked): refused, whatever the route.
    const naming: Array<Record<string, string>> = [{ "X-Loft-Team": TEAM[OTHER[corps]] }, { "X-Loft-Corps": CORPS_ID[OTHER[corps]] }];
    for (const headers of naming) {
      for (const path of [...Object.keys(ROUTES), `/cases/${CASES[OTHER[corps]].mentor.id}/export`]) {
        const res = await api(p, "GET", path, headers);
        if (res.status !== 403) problems.push(`GET ${path} with ${JSON.stringify(headers)}: ${res.status}, expected 403`);
      }
    }
    expect(problems).toEqual([]);
  });
});

test("the figures count only the corps' own cases: the leader's dashboard read is logged in their corps, naming its cases and nothing else", async () => {
  for (const corps of CORPS_NAMES) {
    const leader = PEOPLE[corps].leader;
    clock.advance(60_000);
    expect((await api(leader, "GET", "/dashboard")).status).toBe(200);
    const [line] = (await app.store.repos.access.listForCorps(CORPS_ID[corps], 50)).filter((l) => l.flow === "api:dashboard" && l.by === leader.aadObjectId.toLowerCase() && l.at === clock().toISOString());
    expect(line).toMatchObject({ role: "leader", action: "aggregate" });
    const now = (await app.store.repos.cases.list(CORPS_ID[corps])).map((c) => c.id).sort();
    expect([...line.caseIds].sort()).toEqual(now);
    // … and in the other corps' log there is no line by them.
    const there = await app.store.repos.access.listForCorps(CORPS_ID[OTHER[corps]], 5000);
    expect(there.filter((l) => l.by === leader.aadObjectId.toLowerCase())).toEqual([]);
  }
  // The figures themselves name no case.
  for (const corps of CORPS_NAMES) expect(codesIn((await api(PEOPLE[corps].leader, "GET", "/dashboard")).text)).toEqual([]);
});

test("the corps' access log, over the API and in the bot, names only the corps' own people and cases", async () => {
  for (const corps of CORPS_NAMES) {
    for (const persona of ["coordinator", "dpo"] as const) {
      const p = PEOPLE[corps][persona];
      const res = await api(p, "GET", "/access?max=1000");
      expect(res.status).toBe(200);
      const { lines } = JSON.parse(res.text) as { lines: Array<{ by: string; codes: string[] }> };
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((l) => !ALL[corps].people.includes(l.by.toLowerCase()))).toEqual([]);
      expect(lines.flatMap((l) => l.codes).filter((code) => !ALL[corps].cases.some((c) => c.code === code))).toEqual([]);
      // The cases of this corps that people of this corps opened in the matrix above are in it.
      expect(lines.flatMap((l) => l.codes)).toEqual(expect.arrayContaining(SLOTS.map((slot) => CASES[corps][slot].code)));
      const card = await press(p, "privacy.log");
      expect(leaks(p, card.json, undefined, "corps")).toEqual([]);
    }
  }
});

test("a coordinator cannot hand their corps' case to a coach of the other corps, nor open a case for one", async () => {
  for (const corps of CORPS_NAMES) {
    const coordinator = PEOPLE[corps].coordinator;
    const stranger = PEOPLE[OTHER[corps]].mentor;
    const c = CASES[corps].mentor;
    const card = await press(coordinator, "coord.reassign", { caseId: c.id });
    expect(card.json).not.toContain(stranger.aadObjectId); // not offered
    const refused = await press(coordinator, "coord.reassignSubmit", { ...findAction(card.card, "coord.reassignSubmit").data, coachId: stranger.aadObjectId });
    expect(leaks(coordinator, refused.json, c.id)).toEqual([]);
    expect((await app.store.repos.cases.get(CORPS_ID[corps], c.id))!.doc.coachId).toBe(c.coachId);

    const form = await press(coordinator, "coord.new");
    expect(form.json).not.toContain(stranger.aadObjectId);
    const before = (await app.store.repos.cases.list(CORPS_ID[corps])).length;
    const made = await press(coordinator, "coord.create", { ...findAction(form.card, "coord.create").data, ...filledInputs(form.card), kind: "mentor", coachId: stranger.aadObjectId, dimensions: "2" });
    expect(leaks(coordinator, made.json)).toEqual([]);
    expect((await app.store.repos.cases.list(CORPS_ID[corps])).length).toBe(before);
  }
});

// ── Writes: a card of one's own corps with the other corps' case in it changes nothing there ────────────────────────

/** Every input of a card, filled as a hurried user would: what it holds, else a plausible answer. */
function filledInputs(card: any): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: any) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node.type === "string" && node.type.startsWith("Input.") && node.id) {
      const given = node.value === undefined || node.value === "" ? undefined : String(node.value);
      const guess: Record<string, string | undefined> = {
        "Input.Text": "Vi talte om skolen og om at komme i praktik.",
        "Input.ChoiceSet": node.choices?.[0]?.value,
        "Input.Number": String(node.min ?? 5),
        "Input.Date": node.min ?? "2026-12-01",
        "Input.Time": "10:00",
        "Input.Toggle": node.valueOn ?? "true",
      };
      out[node.id] = given ?? guess[node.type] ?? "";
    }
    Object.values(node).forEach(walk);
  };
  walk(card?.body);
  return out;
}

/** The submits tried: who, the card they open on a case of their own corps (which slot), the button they press on it. */
const SUBMITS: ReadonlyArray<{ persona: Persona; open: string; slot: Slot; submit: string }> = [
  { persona: "mentor", open: "prepare.open", slot: "mentor", submit: "prepare.submit" },
  // (The own press of «prepare» above leaves a conversation prepared: «not held», then the reflection, are about it.)
  { persona: "mentor", open: "notheld.open", slot: "mentor", submit: "notheld.submit" },
  { persona: "mentor", open: "reflect.open", slot: "mentor", submit: "reflect.submit" },
  { persona: "mentor", open: "measure.open", slot: "mentor", submit: "measure.submit" },
  { persona: "mentor", open: "concern.open", slot: "mentor", submit: "concern.submit" },
  { persona: "mentor", open: "proposal.open", slot: "mentor", submit: "proposal.submit" },
  { persona: "mentor", open: "form.open", slot: "mentor", submit: "form.submit" },
  { persona: "mentor", open: "cases.label", slot: "mentor", submit: "cases.labelSubmit" },
  { persona: "mentor", open: "closing.open", slot: "closing", submit: "closing.submit" },
  { persona: "mentor", open: "after.open", slot: "closed", submit: "after.submit" },
  { persona: "coordinator", open: "coord.goals", slot: "mentor", submit: "coord.goalsSubmit" },
  { persona: "coordinator", open: "coord.after", slot: "closed", submit: "coord.afterSubmit" },
  { persona: "coordinator", open: "coord.erase", slot: "relativeCoach", submit: "coord.eraseSubmit" },
  { persona: "coordinator", open: "coord.reassign", slot: "relativeCoach", submit: "coord.reassignSubmit" },
  { persona: "coordinator", open: "coord.close", slot: "closing", submit: "coord.closeSubmit" },
  { persona: "coordinator", open: "coord.pauseOpen", slot: "mentor", submit: "coord.pauseSubmit" },
];

/**
 * What a corps holds about its cases, to see that nothing changed: each case as stored, and its entries — but how its
 * messages were delivered, which the outbox records after the turn that owed them (a corps' own earlier presses).
 */
async function holdings(corps: CorpsName): Promise<string[]> {
  const cases = await app.store.repos.cases.list(CORPS_ID[corps]);
  const sent = <T extends { delivery?: unknown; claim?: unknown }>({ delivery: _d, claim: _c, ...rest }: T) => rest;
  return Promise.all(
    cases.map(async ({ revision: _r, notices, flags, ...c }) => {
      const entries = await app.store.repos.entries.listForCase(c.corpsId, c.id);
      return JSON.stringify({ ...c, notices: notices.map(sent), flags: flags.map(sent), entries: entries.map((e) => e.id).sort() });
    }),
  );
}

describe.each(CORPS_NAMES)("writes: corps %s's coach and coordinator submit their own cards with the other corps' case in them", (corps) => {
  test("the other corps' case answers as no case, and nothing of the other corps changes", async () => {
    const other = OTHER[corps];
    const before = await holdings(other);
    const problems: string[] = [];
    for (const { persona, open, slot, submit } of SUBMITS) {
      const p = PEOPLE[corps][persona];
      const own = CASES[corps][slot];
      const card = await press(p, open, { caseId: own.id });
      if (!card.card || !card.shown.includes(own.code)) throw new Error(`${open} did not open ${own.code}: «${card.shown.slice(0, 90)}»`);
      const data = { ...findAction(card.card, submit).data, ...filledInputs(card.card) };
      // The erasure confirmed with the other corps' case's own code, the reassignment to the other corps' coach.
      const target = CASES[other][slot];
      const aimed = { confirmCode: target.code, coachId: PEOPLE[other][target.kind === "mentor" ? "mentor" : "relativeCoach"].aadObjectId };
      const attack = (caseId: string) => ({ ...data, caseId, ...(submit === "coord.eraseSubmit" ? { confirmCode: aimed.confirmCode } : {}), ...(submit === "coord.reassignSubmit" ? { coachId: aimed.coachId } : {}) });
      const [foreign, missing] = await Promise.all([press(p, submit, attack(target.id)), press(p, submit, attack(NO_CASE))]);
      if (foreign.shown !== missing.shown) problems.push(`${submit} on ${target.code}: «${foreign.shown.slice(0, 90)}», not as for no case «${missing.shown.slice(0, 90)}»`);
      for (const leak of leaks(p, foreign.json, target.id)) problems.push(`${submit} on ${target.code}: ${leak}`);
      // The same press on their own case reaches it (saved, or handed back naming it): the data was good enough to act on.
      const control = await press(p, submit, attack(own.id));
      if (!control.json.includes(own.code)) problems.push(`${submit} on their own ${own.code} did not reach it: «${control.shown.slice(0, 90)}»`);
    }
    expect(problems).toEqual([]);
    expect(await holdings(other)).toEqual(before);
  });
});

// ── Erasure: only the corps' own coordinator erases its case ────────────────────────────────────────────────────────

test("erasure: the other corps' coordinator is told 404 (API) or «not found» (bot) even with the right code; the own coordinator erases", async () => {
  for (const corps of CORPS_NAMES) {
    const c = THROWAWAY[corps];
    const outsider = PEOPLE[OTHER[corps]].coordinator;
    expect((await api(outsider, "DELETE", `/cases/${c.id}?confirm=${c.code}`)).status).toBe(404);
    const viaBot = await press(outsider, "coord.eraseSubmit", { caseId: c.id, confirmCode: c.code });
    expect(viaBot.shown).toContain(t.stale.notFound);
    expect(leaks(outsider, viaBot.json, c.id)).toEqual([]);
    for (const persona of PERSONAS.filter((x) => x !== "coordinator")) {
      for (const p of [PEOPLE[corps][persona], PEOPLE[OTHER[corps]][persona]]) expect([p.corps, persona, (await api(p, "DELETE", `/cases/${c.id}?confirm=${c.code}`)).status]).toEqual([p.corps, persona, 403]);
    }
    expect(await app.store.repos.cases.get(CORPS_ID[corps], c.id)).toBeDefined();
  }
  for (const corps of CORPS_NAMES) {
    const c = THROWAWAY[corps];
    clock.advance(60_000);
    expect((await api(PEOPLE[corps].coordinator, "DELETE", `/cases/${c.id}?confirm=${c.code}`)).status).toBe(204);
    expect(await app.store.repos.cases.get(CORPS_ID[corps], c.id)).toBeUndefined();
    // The one line left of it is in its own corps' log, by its own coordinator.
    expect((await app.store.repos.access.allForCase(CORPS_ID[corps], c.id)).map((l) => [l.action, l.by, l.code])).toEqual([["erase", PEOPLE[corps].coordinator.aadObjectId, c.code]]);
  }
  // Each corps' other cases are all still there.
  for (const corps of CORPS_NAMES) {
    const left = (await app.store.repos.cases.list(CORPS_ID[corps])).map((c) => c.id);
    expect(left).toEqual(expect.arrayContaining(SLOTS.map((slot) => CASES[corps][slot].id)));
  }
});

// ── Nothing crossed: what each corps' partition holds names nothing of the other ─────────────────────────────────────

test("after all of the above, each corps' access log, entries and jobs name only its own people and cases", async () => {
  for (const corps of CORPS_NAMES) {
    const other = ALL[OTHER[corps]];
    const lines = await app.store.repos.access.listForCorps(CORPS_ID[corps], 100_000);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.role !== "system" && !ALL[corps].people.includes(l.by))).toEqual([]);
    expect(lines.filter((l) => l.caseIds.some((id) => !ALL[corps].cases.some((c) => c.id === id)))).toEqual([]);
    for (const c of other.cases) {
      expect([c.code, await app.store.repos.entries.listForCase(CORPS_ID[corps], c.id)]).toEqual([c.code, []]);
      expect([c.code, await app.store.repos.jobs.listForCase(CORPS_ID[corps], c.id)]).toEqual([c.code, []]);
      expect(await app.store.repos.cases.get(CORPS_ID[corps], c.id)).toBeUndefined();
    }
  }
});
