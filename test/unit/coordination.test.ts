// The coordinator's rules for cases: a new case from a referral, goals, handing over, pausing, closing.
import { byAttention, caseCode, changesOffered, ChangedMeanwhile, decideClose, decideContact, decideGoals, decideNewCase, decidePause, decideReassign, decideStartClosing, withNoticeDelivery } from "../../src/domain/coordination";
import { Case, type Member } from "../../src/domain/model";

const A = "aaaaaaaa-0000-4000-8000-00000000000a"; // coordinator
const B = "bbbbbbbb-0000-4000-8000-00000000000b"; // mentor
const C = "cccccccc-0000-4000-8000-00000000000c"; // relative coach
const D = "dddddddd-0000-4000-8000-00000000000d"; // another mentor
const L = "eeeeeeee-0000-4000-8000-00000000000e"; // leader
const member = (aad: string, roles: Member["roles"]): Member => ({ type: "member", id: `member:${aad}`, corpsId: "corps-x", aadObjectId: aad, name: aad.slice(0, 4), roles });
const coordinator = member(A, ["coordinator"]);
const members = [coordinator, member(B, ["mentor"]), member(C, ["relativeCoach"]), member(D, ["mentor"]), member(L, ["leader"])];
const now = new Date("2026-11-25T10:00:00Z");
const sub = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const good = {
  submissionId: sub(1),
  kind: "mentor",
  coachId: B,
  referralDate: "2026-11-20",
  dimensions: "1,4,9",
  worries: "Bekymrende retorik på sociale medier",
  working: "Møder op i skolen",
  goal1: "Gennemføre 9. klasse",
  score1: "3",
  goal2: "Et fritidstilbud",
  score2: "1",
};

function created(): Case {
  const d = decideNewCase(good, coordinator, members, now, "ME-7Q3F", "2026-11-25");
  if (d.kind !== "ok") throw new Error(JSON.stringify(d));
  return Case.parse(d.case);
}

/** A new case with contact made and the citizen's yes: active. */
function active(): Case {
  return (["contactMade", "start"] as const).reduce((c, step, i) => {
    const d = decideContact(step)({ caseId: c.id, cardVersion: String(c.version), submissionId: sub(98 + i) }, c, coordinator, now);
    if (d.kind !== "ok") throw new Error(JSON.stringify(d));
    return d.change(c);
  }, created());
}

const envelope = (c: Case, n: number) => ({ caseId: c.id, cardVersion: String(c.version), submissionId: sub(n) });

test("a new case: the coach of its kind, the referral, the målskema with scores, a code, and a notice owed to the coach", () => {
  const c = created();
  expect(c).toMatchObject({
    code: "ME-7Q3F",
    kind: "mentor",
    coachId: B,
    coordinatorId: A,
    status: "referred",
    referral: { dimensions: [1, 4, 9] },
    goalForm: { worries: good.worries, goals: [{ id: "g1", text: "Gennemføre 9. klasse", score: 3 }, { id: "g2", text: "Et fritidstilbud", score: 1 }] },
    version: 1,
  });
  expect(c.referral.receivedAt.slice(0, 10)).toBe("2026-11-20");
  expect(c.notices.map((n) => [n.kind, n.to, n.delivery])).toEqual([["assigned", B, undefined]]);
  // A replay of the same card makes the same case.
  expect(decideNewCase(good, coordinator, members, now, "ME-ZZZZ", "2026-11-25")).toMatchObject({ kind: "ok", case: { id: c.id } });
});

test.each([
  [{ coachId: C }, "coachId", "wrongRole"], // a relative coach for a mentor case
  [{ coachId: L }, "coachId", "wrongRole"],
  [{ coachId: "" }, "coachId", "required"],
  [{ kind: "" }, "kind", "required"],
  [{ kind: "friend" }, "kind", "invalid"],
  [{ referralDate: "2026-12-01" }, "referralDate", "invalid"], // in the future
  [{ referralDate: "2026-02-30" }, "referralDate", "invalid"],
  [{ dimensions: "1,10" }, "dimensions", "invalid"],
  [{ goal1: "", score1: "", goal2: "", score2: "" }, "goal1", "required"],
  [{ score1: "11" }, "score1", "invalid"],
  [{ score1: "" }, "score1", "required"],
  [{ goal2: "", score2: "4" }, "goal2", "required"],
  [{ worries: "Ring til mor på 22 33 44 55" }, "worries", "phone"],
  [{ goal1: "Ali 010203-1234 skal i skole" }, "goal1", "cpr"],
])("a new case is refused: %j → %s %s", (change, field, code) => {
  const d = decideNewCase({ ...good, ...change }, coordinator, members, now, "ME-7Q3F", "2026-11-25");
  expect(d.kind).toBe("refused");
  expect(d.kind === "refused" && d.problems).toContainEqual({ field, code });
});

test("only a coordinator creates a case", () => {
  expect(decideNewCase(good, members[1], members, now, "ME-7Q3F", "2026-11-25").kind).toBe("stale");
});

test("case codes: two letters for the kind, four characters that cannot be confused, never one already taken", () => {
  let i = 0;
  const fixed = [0, 0, 0, 0, 0.99, 0.99, 0.99, 0.99];
  const code = caseCode("relativeCoach", () => fixed[i++ % fixed.length], new Set(["PC-2222"]));
  expect(code).toBe("PC-ZZZZ");
  expect(caseCode("mentor", Math.random)).toMatch(/^ME-[2-9A-HJ-NP-Z]{4}$/);
});

test("changing the goals keeps the ids of goals where they stood, adds new ones, and makes open cards stale", () => {
  const c = active();
  const d = decideGoals({ ...envelope(c, 2), worries: "x", working: "y", goal1: "Gennemføre 9. klasse", score1: "5", goal3: "Nyt mål", score3: "2" }, c, coordinator);
  if (d.kind !== "ok") throw new Error(d.kind);
  const after = d.change(c);
  expect(after.goalForm.goals).toEqual([
    { id: "g1", text: "Gennemføre 9. klasse", score: 5 },
    { id: "g3", text: "Nyt mål", score: 2 },
  ]);
  expect(after.version).toBe(2);
  expect(d.change(after)).toBe(after); // applied once
  // The same card again, after the change, is stale for anything but a replay of it.
  expect(decideGoals({ ...envelope(c, 3), goal1: "a", score1: "1" }, after, coordinator)).toEqual({ kind: "stale", reason: "changed" });
  expect(decideGoals({ ...envelope(c, 2), goal1: "a", score1: "1" }, after, coordinator).kind).toBe("ok");
});

test("handing over: only to another coach of the case's kind; both are told; the case is the new coach's", () => {
  const c = active();
  expect(decideReassign({ ...envelope(c, 2), coachId: C }, c, coordinator, members, now)).toMatchObject({ kind: "refused", problems: [{ code: "wrongRole" }] });
  expect(decideReassign({ ...envelope(c, 2), coachId: B }, c, coordinator, members, now)).toMatchObject({ kind: "refused", problems: [{ code: "sameCoach" }] });
  const d = decideReassign({ ...envelope(c, 2), coachId: D.toUpperCase() }, c, coordinator, members, now);
  if (d.kind !== "ok") throw new Error(d.kind);
  const after = d.change(c);
  expect(after.coachId).toBe(D);
  expect(d.formerCoachId).toBe(B);
  expect(d.notices.map((n) => [n.kind, n.to])).toEqual([["handedOver", D], ["handedAway", B]]);
  expect(after.notices.filter((n) => n.id.startsWith(`${d.actionId}:`)).map((n) => n.kind)).toEqual(["handedOver", "handedAway"]);
});

test("pause and resume: only from active, and back; a paused case's cards say so", () => {
  const c = active();
  const why = { reason: "treatment", until: "2026-12-20" };
  const p = decidePause({ ...envelope(c, 2), ...why }, c, coordinator, now, true);
  if (p.kind !== "ok") throw new Error(p.kind);
  const paused = p.change(c);
  expect(paused.status).toBe("paused");
  expect(paused.pause).toMatchObject({ reason: "treatment", until: "2026-12-20", by: coordinator.aadObjectId.toLowerCase(), actionId: p.actionId });
  expect(decidePause(envelope(paused, 3), paused, coordinator, now, true)).toEqual({ kind: "stale", reason: "changed" });
  const r = decidePause(envelope(paused, 4), paused, coordinator, now, false);
  expect(r.kind === "ok" && r.change(paused).status).toBe("active");
  expect(r.kind === "ok" && r.change(paused).pause).toBeUndefined();
});

test("a pause needs a reason and an expected end from tomorrow to half a year ahead", () => {
  const c = active();
  const refused = (values: Record<string, string>) => {
    const d = decidePause({ ...envelope(c, 2), ...values }, c, coordinator, now, true);
    return d.kind === "refused" ? d.problems.map((x) => `${x.field}:${x.code}`) : d.kind;
  };
  expect(refused({})).toEqual(["reason:required", "until:required"]);
  expect(refused({ reason: "nonsense", until: "2026-12-20" })).toEqual(["reason:invalid"]);
  expect(refused({ reason: "other", until: "2026-11-25" })).toEqual(["until:invalid"]); // today, 09:00 has passed
  expect(refused({ reason: "other", until: "2027-06-01" })).toEqual(["until:invalid"]); // more than half a year
  expect(refused({ reason: "other", until: "2026-13-01" })).toEqual(["until:invalid"]);
  expect(refused({ reason: "other", until: "2026-11-26" })).toBe("ok");
});

test("start closing keeps the coach's cards valid; closing needs a reason (with words for «Andet») and a confirmation, and tells the coach", () => {
  const c = active();
  const s = decideStartClosing(envelope(c, 2), c, coordinator, now);
  if (s.kind !== "ok") throw new Error(s.kind);
  const closing = s.change(c);
  expect(closing).toMatchObject({ status: "closing", version: c.version });
  const bare = decideClose(envelope(closing, 3), closing, coordinator, now);
  expect(bare.kind === "refused" && bare.problems).toContainEqual({ field: "reason", code: "required" });
  expect(decideClose({ ...envelope(closing, 3), reason: "other", reasonText: "mail: mor@example.dk", confirm: "true" }, closing, coordinator, now)).toMatchObject({
    kind: "refused",
    problems: [{ field: "reasonText", code: "email" }],
  });
  // Not confirmed, or «Andet» without words: refused.
  expect(decideClose({ ...envelope(closing, 3), reason: "noProgress" }, closing, coordinator, now)).toMatchObject({ kind: "refused", problems: [{ field: "confirm", code: "required" }] });
  expect(decideClose({ ...envelope(closing, 3), reason: "other", confirm: "true" }, closing, coordinator, now)).toMatchObject({ kind: "refused", problems: [{ field: "reasonText", code: "required" }] });
  const other = decideClose({ ...envelope(closing, 3), reason: "other", reasonText: "Overgået til anden indsats", confirm: "true" }, closing, coordinator, now);
  expect(other.kind === "ok" && other.change(closing)).toMatchObject({ closeReason: "other", closeReasonText: "Overgået til anden indsats" });
  const d = decideClose({ ...envelope(closing, 3), reason: "noProgress", confirm: "true" }, closing, coordinator, now);
  if (d.kind !== "ok") throw new Error(d.kind);
  expect(d.notices).toMatchObject([{ kind: "closed", to: closing.coachId }]);
  const closed = d.change(closing);
  expect(closed).toMatchObject({ status: "closed", closeReason: "noProgress", closedAt: now.toISOString() });
  expect(closed.closeReasonText).toBeUndefined();
  // Nothing more on a closed case (but the same card replayed answers as before).
  expect(decidePause(envelope(closed, 4), closed, coordinator, now, true)).toEqual({ kind: "stale", reason: "closed" });
  expect(decideClose({ ...envelope(closing, 3), reason: "noProgress", confirm: "true" }, closed, coordinator, now).kind).toBe("ok");
});

test("a mentor or leader changes nothing, and a notice once sent stays sent", () => {
  const c = active();
  for (const who of [members[1], members[4]]) expect(decidePause(envelope(c, 2), c, who, now, true)).toEqual({ kind: "stale", reason: "notFound" });
  const id = c.notices[0].id;
  const sent = withNoticeDelivery(c, id, "sent");
  expect(withNoticeDelivery(sent, id, "failed")).toBe(sent);
});

test("two coordinators handing over the same case at once: the second change meets a case that moved on, and is stale", () => {
  const c = active();
  const toD = decideReassign({ ...envelope(c, 2), coachId: D }, c, coordinator, [...members, member("ffffffff-0000-4000-8000-00000000000f", ["mentor"])], now);
  const toF = decideReassign({ ...envelope(c, 3), coachId: "ffffffff-0000-4000-8000-00000000000f" }, c, coordinator, [...members, member("ffffffff-0000-4000-8000-00000000000f", ["mentor"])], now);
  if (toD.kind !== "ok" || toF.kind !== "ok") throw new Error("both decided on the same read");
  const first = toD.change(c);
  // The store re-reads after the conflict and re-applies the second change: it must not hand over a case it never saw.
  expect(() => toF.change(first)).toThrow(ChangedMeanwhile);
  expect(toD.change(first)).toBe(first); // the first, replayed, is simply done
  // Likewise pausing twice from two cards.
  const why = { reason: "other", until: "2026-12-20" };
  const p1 = decidePause({ ...envelope(first, 4), ...why }, first, coordinator, now, true);
  const p2 = decidePause({ ...envelope(first, 5), ...why }, first, coordinator, now, true);
  if (p1.kind !== "ok" || p2.kind !== "ok") throw new Error("both decided on the same read");
  expect(() => p2.change(p1.change(first))).toThrow(ChangedMeanwhile);
});

test("the coordinator's list: a case flagged in the last 30 days first, then the one reflected on longest ago", () => {
  const base = active();
  const at = (days: number) => new Date(now.getTime() - days * 24 * 3600_000).toISOString();
  const quiet = { ...base, code: "ME-AAAA", lastReflection: { entryId: "e1", at: at(20), text: "" } };
  const recent = { ...base, code: "ME-BBBB", lastReflection: { entryId: "e2", at: at(1), text: "" } };
  const never = { ...base, code: "ME-CCCC" };
  const flagged = { ...recent, code: "ME-DDDD", flags: [{ id: "x:sparring", kind: "sparring" as const, entryId: "x", at: at(3), raisedBy: B }] };
  const oldFlag = { ...recent, code: "ME-EEEE", flags: [{ id: "y:sparring", kind: "sparring" as const, entryId: "y", at: at(40), raisedBy: B }] };
  expect([recent, quiet, oldFlag, never, flagged].sort(byAttention(now)).map((c) => c.code)).toEqual(["ME-DDDD", "ME-CCCC", "ME-AAAA", "ME-BBBB", "ME-EEEE"]);
});

test("the case card offers exactly the changes the decisions accept, for every status", () => {
  const base = created();
  const statuses = ["referred", "clarifying", "active", "paused", "closing", "closed"] as const;
  for (const status of statuses) {
    const c = { ...base, status };
    const accepted = {
      goals: decideGoals({ ...envelope(c, 10), ...Object.fromEntries(Object.entries(good).filter(([k]) => /^(goal|score)/.test(k))) }, c, coordinator).kind !== "stale",
      reassign: decideReassign({ ...envelope(c, 11), coachId: D }, c, coordinator, members, now).kind !== "stale",
      contactMade: decideContact("contactMade")(envelope(c, 16), c, coordinator, now).kind !== "stale",
      start: decideContact("start")(envelope(c, 17), c, coordinator, now).kind !== "stale",
      pause: decidePause(envelope(c, 12), c, coordinator, now, true).kind !== "stale",
      resume: decidePause(envelope(c, 13), c, coordinator, now, false).kind !== "stale",
      startClosing: decideStartClosing(envelope(c, 14), c, coordinator, now).kind !== "stale",
      close: decideClose({ ...envelope(c, 15), reason: "other" }, c, coordinator, now).kind !== "stale",
    };
    const offered = changesOffered(c);
    expect([status, Object.entries(accepted).filter(([, ok]) => ok).map(([k]) => k)]).toEqual([status, offered]);
  }
});

test("the contact phase: henvist → afklaring → the citizen's yes starts the case; refusals close it before it started", () => {
  const c = created();
  expect(c.startedAt).toBeUndefined();
  const made = decideContact("contactMade")(envelope(c, 20), c, coordinator, now);
  if (made.kind !== "ok") throw new Error(made.kind);
  const clarifying = made.change(c);
  expect(clarifying).toMatchObject({ status: "clarifying", version: c.version }); // the coach's open cards stay valid
  expect(decideContact("contactMade")(envelope(clarifying, 21), clarifying, coordinator, now)).toEqual({ kind: "stale", reason: "changed" });
  // «Borgeren takkede nej» and «Kontakt ikke etableret» close a case that never started …
  expect(decideClose({ ...envelope(clarifying, 22), reason: "declined", confirm: "true" }, clarifying, coordinator, now).kind).toBe("ok");
  const later = new Date(now.getTime() + 86_400_000);
  const start = decideContact("start")(envelope(clarifying, 23), clarifying, coordinator, later);
  if (start.kind !== "ok") throw new Error(start.kind);
  const started = start.change(clarifying);
  expect(started).toMatchObject({ status: "active", startedAt: later.toISOString() });
  // … never one that did.
  expect(decideClose({ ...envelope(started, 24), reason: "declined", confirm: "true" }, started, coordinator, later)).toEqual({ kind: "refused", problems: [{ field: "reason", code: "invalid" }] });
  expect(decideClose({ ...envelope(started, 25), reason: "noContact", confirm: "true" }, started, coordinator, later)).toEqual({ kind: "refused", problems: [{ field: "reason", code: "invalid" }] });
});

test("a case of the same family: linked to one of the corps' cases not closed, by its id; anything else is refused", () => {
  const other = { id: "case-other", status: "active" as const, code: "PC-2345" };
  const d = decideNewCase({ ...good, family: other.id }, coordinator, members, now, "ME-7Q3F", "2026-11-25", [other]);
  expect(d.kind === "ok" && d.case.family).toEqual({ caseId: other.id, code: "PC-2345" });
  for (const family of ["case-unknown", "case-closed"])
    expect(decideNewCase({ ...good, family }, coordinator, members, now, "ME-7Q3F", "2026-11-25", [other, { id: "case-closed", status: "closed", code: "PC-3456" }])).toEqual({
      kind: "refused",
      problems: [{ field: "family", code: "invalid" }],
    });
});
