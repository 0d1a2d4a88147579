// Demo data: one corps with realistic history, so the product can be tried at once on a developer's machine.
// A pure function of the clock's "now" and a seed: the same inputs give the same documents.
import type { AfterReflectionEntry, Case, Corps, Directory, Entry, Member, Role } from "./model";
import { memberDocId, THEMES, userKey } from "./model";
import { applyAfterReflection } from "./after-reflection";
import { applyAssessment, scoreOf, type AssessmentEntry } from "./measures";
import { PROGRESS_EVERY_DAYS, reflectionSummary } from "./reflection";
import { caseCode } from "./coordination";
import { checkInEntryId, checkInOf, newRound, type CheckInRound } from "./checkin";
import { methodOf } from "./fidelity";
import { monthOf, previousMonth } from "./time";

export const DEMO = {
  tenantId: "0000000d-0000-0000-0000-000000000000",
  corpsId: "demo-kommune",
  teamId: "19:demo-korps@thread.tacv2",
  coordinator: "0000000d-0000-0000-0000-000000000001",
  mentor: "0000000d-0000-0000-0000-000000000002",
  relativeCoach: "0000000d-0000-0000-0000-000000000003",
  leader: "0000000d-0000-0000-0000-000000000004",
  mentor2: "0000000d-0000-0000-0000-000000000005",
  /** The national centre's demo user: in no corps; sees the national view (local mode only). */
  national: "0000000d-0000-0000-0000-000000000009",
} as const;

export interface DemoData {
  corps: Corps;
  members: Member[];
  directory: Directory[];
  cases: Case[];
  entries: Entry[];
  rounds: CheckInRound[];
}

/** mulberry32: a tiny deterministic PRNG, enough for demo data (and the benchmarks' synthetic corps). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}

const DAY = 86_400_000;

const GOALS = [
  "Fastholde sin skolegang og møde op hver dag",
  "Finde en fritidsaktivitet med nye kammerater",
  "Styrke kontakten til familien",
  "Tage afstand fra det bekymrende miljø online",
  "Komme i praktik eller job",
  "Få struktur på døgnrytmen",
  "Kunne håndtere vrede uden at gå til fysisk konfrontation",
  "Genoptage kontakten til ungdomsuddannelsesvejlederen",
];
const PREP = [
  [
    "At vi får talt om ugens skoledage. Jeg starter med det, der gik godt.",
    "At mødet bliver kort og konkret. Jeg har en plan for næste skridt med.",
    "Lade vedkommende styre emnerne i dag og lytte mere end jeg taler.",
  ],
  [
    "Sidst virkede det at gå en tur i stedet for at sidde ned.",
    "Positivt: da jeg spurgte ind til fodbold. Negativt: spørgsmål om venner online.",
    "Humor og at jeg holdt, hvad jeg lovede.",
  ],
  [
    "Spørge ind til weekenden og hvem vedkommende har været sammen med.",
    "Være opmærksom på tegn på træthed og spørge til søvn.",
    "Holde øje med retorikken om 'dem og os' og spørge nysgerrigt ind.",
  ],
  ["Nej, ikke i dag.", "Jeg bliver utålmodig, når aftaler ikke holdes. Jeg tager det op med koordinator.", "Nej."],
];
const REFL = [
  ["Ja, vi nåede det, vi skulle.", "Delvist — vi blev afbrudt, men fik lagt en plan.", "Nej, vedkommende var ikke klar i dag."],
  ["Ja, jeg lyttede mere end jeg talte.", "For det meste.", "Ja."],
  ["Ja, og jeg anerkendte perspektiverne.", "Jeg kom til at tale for meget i starten.", "Ja."],
  ["Snakken om praktik åbnede op. Jeg fulgte op med et spørgsmål om drømme.", "Der kom en invitation om familien, som jeg ikke fulgte.", "Ingen særlige."],
  ["God og rolig.", "Lidt anspændt i starten, bedre til sidst.", "Tillidsfuld."],
  ["Positivt på ros for fremmødet. Negativt på spørgsmål om internettet.", "Positivt på konkrete aftaler.", "Reagerede negativt på at tale om skolen."],
  ["Ja.", "Ja, det tror jeg.", "Usikker."],
  ["Nej.", "Sparring om hvordan jeg tager det op med forældrene.", "Nej, ikke lige nu."],
];

const COACHES: Array<{ id: string; name: string; roles: Role[] }> = [
  { id: DEMO.mentor, name: "Demo Mentor", roles: ["mentor"] },
  { id: DEMO.relativeCoach, name: "Demo Pårørendecoach", roles: ["relativeCoach"] },
  { id: DEMO.mentor2, name: "Demo Mentor 2", roles: ["mentor"] },
  { id: "0000000d-0000-0000-0000-000000000011", name: "Anja Mentor", roles: ["mentor"] },
  { id: "0000000d-0000-0000-0000-000000000012", name: "Bo Mentor", roles: ["mentor"] },
  { id: "0000000d-0000-0000-0000-000000000013", name: "Camilla Pårørendecoach", roles: ["relativeCoach"] },
  { id: "0000000d-0000-0000-0000-000000000014", name: "Dennis Mentor", roles: ["mentor", "relativeCoach"] },
];

export function buildDemoData(now: Date, seed = 2026): DemoData {
  const r = prng(seed);
  const iso = (t: number) => new Date(t).toISOString();
  const corpsId = DEMO.corpsId;
  const corps: Corps = {
    type: "corps",
    id: corpsId,
    corpsId,
    name: "Demo Kommune",
    municipalityCode: "0461",
    tenantId: DEMO.tenantId,
    teamId: DEMO.teamId,
    channelId: DEMO.teamId,
    extraDaysOff: [],
    setup: "done",
  };
  const people: Array<{ id: string; name: string; roles: Role[] }> = [
    { id: DEMO.coordinator, name: "Demo Koordinator", roles: ["coordinator"] },
    { id: DEMO.leader, name: "Demo Leder", roles: ["leader"] },
    ...COACHES,
  ];
  const members: Member[] = people.map((p) => ({
    type: "member",
    id: memberDocId(p.id),
    corpsId,
    aadObjectId: p.id,
    name: p.name,
    roles: p.roles,
    teamsUserId: `29:demo-${p.id.slice(-4)}`, // as the team's roster gives them
  }));
  const directory: Directory[] = people.map((p) => ({
    id: userKey(DEMO.tenantId, p.id),
    memberships: [{ corpsId, roles: p.roles }],
  }));

  // Case owners: the demo mentor holds several active cases, the others share the rest.
  const owners = [
    ...Array<string>(6).fill(DEMO.mentor),
    ...Array<string>(5).fill(DEMO.relativeCoach),
    ...Array<string>(4).fill(DEMO.mentor2),
    ...COACHES.slice(3).flatMap((c) => Array<string>(4).fill(c.id)),
  ];
  const f = prng(seed + 1);
  // The after-reflections of the closed cases: a third generator, so the rest of the demo stays as it was.
  const h = prng(seed + 2);
  const cases: Case[] = [];
  const entries: Entry[] = [];
  // The corps' past check-ins: the twelve months before last month, done and summarized.
  const rounds: CheckInRound[] = [];
  for (let month = previousMonth(previousMonth(monthOf(now))), i = 0; i < 12; i++, month = previousMonth(month)) {
    const times = checkInOf(month)!;
    rounds.unshift({
      ...newRound(corpsId, times),
      askedAt: times.askAt.toISOString(),
      ...(times.remindAt ? { remindedAt: times.remindAt.toISOString() } : {}),
      asked: {},
      channel: { id: "summary", delivery: "sent", postedAt: times.at.toISOString() },
    });
  }
  const usedCodes = new Set<string>();
  const end = now.getTime();
  owners.forEach((coachId, i) => {
    const coach = COACHES.find((c) => c.id === coachId)!;
    const kind = coach.roles.includes("mentor") && (coach.roles.length === 1 || i % 2 === 0) ? "mentor" : "relativeCoach";
    const code = caseCode(kind, r.next, usedCodes);
    usedCodes.add(code);
    const opened = end - r.int(20, 360) * DAY;
    // Older cases are more likely to have closed. Whatever the date, the demo mentor keeps at least four active cases
    // (five open, one of them closing) and the demo relative coach at least one (three open, two of them closing).
    const ageDays = (end - opened) / DAY;
    const keptOpen = (coachId === DEMO.mentor && i < 5) || (coachId === DEMO.relativeCoach && i < 9);
    const closes = !keptOpen && ageDays > 150 && r.next() < 0.55;
    const closedAt = closes ? opened + r.int(120, Math.floor(ageDays) - 5) * DAY : undefined;
    const last = closedAt ?? end - r.int(1, 6) * DAY;
    const goalTexts = [...GOALS].sort(() => r.next() - 0.5).slice(0, r.int(2, 3));
    const caseId = `case-${code.toLowerCase()}`;
    const goals = goalTexts.map((text, g) => ({ id: `g${g + 1}`, text, score: r.int(1, 4) }));
    const c: Case = {
      type: "case",
      id: caseId,
      corpsId,
      code,
      kind,
      coachId,
      coordinatorId: DEMO.coordinator,
      status: closedAt ? "closed" : i % 9 === 8 ? "closing" : "active",
      referral: { receivedAt: iso(opened - r.int(7, 30) * DAY), dimensions: [r.int(1, 5), r.int(6, 9)] },
      goalForm: {
        worries: "Infohuset er bekymret for tilknytning til et bekymrende miljø og for frafald fra skolen.",
        working: "Har en god relation til en storebror og møder op til aftaler.",
        goals,
      },
      openedAt: iso(opened),
      startedAt: iso(opened),
      ...(closedAt ? { closedAt: iso(closedAt) } : {}),
      flags: [],
      notices: [],
      version: 1,
      revision: 0,
      applied: [],
    };
    let n = 0;
    type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
    const add = (e: DistributiveOmit<Entry, "id" | "corpsId" | "caseId" | "authorId">) =>
      entries.push({ ...e, id: `demo-${caseId}-${++n}`, corpsId, caseId, authorId: coachId } as Entry);

    const assess = (instrument: "who5" | "gse", phase: "pre" | "post", at: number) => {
      const items = demoItems(r, instrument, phase === "post" ? 1 : 0);
      add({ type: "assessment", instrument, phase, items, score: scoreOf(instrument, items), createdAt: iso(at) });
      c.measures = applyAssessment(c, entries[entries.length - 1] as AssessmentEntry).measures;
    };
    assess("who5", "pre", opened + DAY);
    assess("gse", "pre", opened + DAY);
    let lastProgressAt = 0;
    for (let t = opened + r.int(2, 6) * DAY; t < last; t += r.int(7, 16) * DAY) {
      const growth = (t - opened) / (last - opened + 1); // 0 → 1 over the case
      // The method is mostly followed (a second generator, so the rest of the demo stays as it was): now and then a
      // conversation without a preparation, one never reflected on, a reflection days late; never the latest ones.
      const slip = last - t > 14 * DAY ? f.next() : 1;
      if (slip >= 0.08) add({
        type: "preparation",
        answers: PREP.map((opts) => r.pick(opts)),
        focusGoalIds: [r.pick(goals).id],
        safety: { place: "yes", roles: "yes", assumptions: r.next() < 0.9 ? "yes" : "no", risk: "yes" },
        plannedAt: iso(t + 2 * 3_600_000),
        createdAt: iso(t),
      });
      if (slip >= 0.08 && slip < 0.15) continue; // prepared, then no reflection
      const reflectedAt = t + (slip >= 0.15 && slip < 0.27 ? f.int(2, 4) * DAY : 4 * 3_600_000);
      const progressDue = t - lastProgressAt >= PROGRESS_EVERY_DAYS * DAY;
      if (progressDue) lastProgressAt = t;
      for (const g of goals) g.score = Math.min(10, Math.max(0, Math.round(2 + growth * r.int(3, 7) + r.int(-1, 1))));
      const answers = REFL.map((opts) => r.pick(opts));
      const progress = Math.min(10, Math.max(1, Math.round(2 + growth * 6 + r.int(-1, 1))));
      if (progressDue) c.progress = [...(c.progress ?? []), { at: iso(reflectedAt), value: progress }];
      const match = r.next() < 0.92 ? "ja" : "usikker";
      add({
        type: "reflection",
        answers,
        goalScores: goals.map((g) => ({ goalId: g.id, score: g.score! })),
        ...(progressDue ? { progress } : {}),
        match,
        wantsSparring: r.next() < 0.1,
        createdAt: iso(reflectedAt),
      });
      c.lastReflection = { entryId: `demo-${caseId}-${n}`, at: iso(reflectedAt), text: reflectionSummary(answers) };
    }
    // The monthly status check-ins before last month (the app plans last month's and later itself): asked while the
    // case was active, mostly answered.
    for (const round of rounds) {
      const at = Date.parse(round.at);
      if (at <= opened || at >= last) continue;
      round.asked = { ...round.asked, [caseId]: kind };
      if (f.next() < 0.15) continue;
      entries.push({
        type: "statusCheckIn",
        id: checkInEntryId(round.month, caseId),
        corpsId,
        caseId,
        authorId: coachId,
        month: round.month,
        state: r.next() < 0.8 ? "onTrack" : r.pick(["needsHelp", "stalled"] as const),
        goalsStillRelevant: r.next() < 0.9,
        createdAt: iso(at - DAY),
      });
    }
    if (closedAt) {
      assess("who5", "post", closedAt - DAY);
      assess("gse", "post", closedAt - DAY);
      add({
        type: "closing",
        answers: ["Det er gået godt med de fleste mål.", "Mødt op hver gang.", "Støtte fra storebror."],
        goalsReached: r.next() < 0.7,
        createdAt: iso(closedAt),
      });
      // Most closed cases have had their joint after-reflection: the coach's part, then the coordinator's with themes.
      c.closeReason = h.pick(["goalsReached", "goalsReached", "goalsReached", "noProgress", "citizenEnded", "moved"] as const);
      if (h.next() < 0.85) {
        const themes = THEMES.filter(() => h.next() < 0.35);
        const parts = [
          { role: "coach" as const, authorId: coachId, at: Math.min(closedAt + 2 * DAY, end - 2 * 3_600_000) },
          { role: "coordinator" as const, authorId: DEMO.coordinator, at: Math.min(closedAt + 9 * DAY, end - 3_600_000) },
        ];
        for (const part of parts) {
          const e: AfterReflectionEntry = {
            type: "afterReflection",
            id: `demo-${caseId}-${++n}`,
            corpsId,
            caseId,
            authorId: part.authorId,
            role: part.role,
            answers: ["Mødet med skolen vendte forløbet.", "", "", "", "", "Faste aftaler hver uge.", ""],
            ...(part.role === "coordinator" ? { learning: "Tidlig kontakt til skolen gjorde en forskel.", themes } : {}),
            createdAt: iso(part.at),
          };
          entries.push(e);
          Object.assign(c, applyAfterReflection(c, e));
        }
      }
    }
    cases.push({ ...c, method: methodOf(entries.filter((e) => e.caseId === caseId).sort((a, b) => a.createdAt.localeCompare(b.createdAt))) });
  });
  // The demo mentor and relative coach each have one case that is closing (the closing dialogue is due).
  for (const coachId of [DEMO.mentor, DEMO.relativeCoach]) {
    const open = cases.filter((c) => c.coachId === coachId && c.status !== "closed");
    open[open.length - 1].status = "closing";
  }
  // The contact phase, for the coordinator to see: the newest case of two other coaches has not started yet (one
  // seeking contact, one clarifying — their conversations so far are the contact); and a family with two cases.
  const others = cases
    .filter((c) => c.status === "active" && c.coachId !== DEMO.mentor && c.coachId !== DEMO.relativeCoach)
    .sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  for (const [c, status] of [[others[0], "referred"], [others[1], "clarifying"]] as const) {
    if (!c) continue;
    c.status = status;
    delete c.startedAt;
  }
  const [mentorCase, relativeCase] = (["mentor", "relativeCoach"] as const).map((kind) => others.slice(2).find((c) => c.kind === kind));
  if (mentorCase && relativeCase) {
    mentorCase.family = { caseId: relativeCase.id, code: relativeCase.code };
    relativeCase.family = { caseId: mentorCase.id, code: mentorCase.code };
  }
  return { corps, members, directory, cases, entries, rounds };
}

/** Plausible answers: low-ish at the start, a little higher at the end. */
function demoItems(r: ReturnType<typeof prng>, instrument: "who5" | "gse", lift: number): number[] {
  return instrument === "who5"
    ? Array.from({ length: 5 }, () => Math.min(5, r.int(1, 3) + lift + r.int(0, 1)))
    : Array.from({ length: 10 }, () => Math.min(4, r.int(1, 3) + (lift && r.int(0, 1))));
}
