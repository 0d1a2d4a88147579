// One outbox for every message Løft owes (issue 19 §4): a flag, a notice, the nudge, "a coach left", a status card and
// the reminder are each a message job sent by one runner. Each kind, to someone who never wrote to Løft (Løft starts
// the chat from the team's roster):
//   - survives a process that dies after claiming it and before the request leaves: the next instance sends it, once;
//   - survives a process that dies after the request left and before recording it: never sent twice ("unconfirmed");
//   - is sent exactly once when two instances run it at the same moment.
// A dying process is stood in for by a messenger that never returns at the chosen point: what the store holds then is
// exactly what a `kill -9` there leaves (the job claimed, marked or not); the other instance is a real second bot.
import { finishedHalves } from "../../src/domain/halfyear";
import { gatheringId, type Gathering } from "../../src/domain/gatherings";
import { randomUUID } from "node:crypto";
import { startTestApp } from "../helpers/app";
import { cardProblems } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { addCoachWithCase } from "../helpers/seed";
import { eventually } from "../helpers/until";
import type { RunningApp } from "../../src/app";
import { createBot } from "../../bot/adapter";
import type { Messenger } from "../../bot/context";
import { checkInOf, newRound, requestId } from "../../src/domain/checkin";
import { manualClock } from "../../src/domain/clock";
import { loadConfig } from "../../src/config";
import { DEMO } from "../../src/domain/demo";
import { CLAIM_TIMEOUT_MS, messageJob } from "../../src/domain/jobs";
import { memberDocId, userKey, type Case, type Member } from "../../src/domain/model";
import type { OwedMessage } from "../../src/domain/outbox";
import { createScheduler } from "../../src/scheduler";

const clock = manualClock(new Date("2026-11-25T09:00:00Z"));
let app: RunningApp;
let connector: FakeConnector;
let n = 0;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock }), startFakeConnector()]);
  // The corps as the app's install left it: where Teams is, and Løft's bot id (to start chats).
  const corps = (await app.store.repos.corps.get(DEMO.corpsId))!;
  await app.store.repos.corps.upsert({ ...corps, serviceUrl: connector.serviceUrl, botId: "28:loft-bot" });
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

/** Someone in the team who never wrote to Løft: a Teams user id from the roster, no chat. */
async function newMember(roles: Member["roles"], extra: Partial<Member> = {}): Promise<Member> {
  const aad = `00000000-0000-4000-9000-${String(++n).padStart(12, "0")}`;
  const m: Member = { type: "member", id: memberDocId(aad), corpsId: DEMO.corpsId, aadObjectId: aad, name: `Person ${n}`, roles, teamsUserId: `29:person-${n}`, ...extra };
  await app.store.repos.members.upsert(m);
  await app.store.repos.directory.upsert({ id: userKey(DEMO.tenantId, aad), memberships: [{ corpsId: DEMO.corpsId, roles }] });
  return m;
}

async function withCase(coach: Member, change: (c: Case) => Case = (c) => c): Promise<Case> {
  const caseId = await addCoachWithCase(app.store, { aad: coach.aadObjectId, name: coach.name, code: `ME-O${String(++n).padStart(3, "0")}` });
  await app.store.repos.members.upsert({ ...coach, roles: coach.roles }); // addCoachWithCase writes a plain mentor
  return (await app.store.repos.cases.update(DEMO.corpsId, caseId, change)).after;
}

const MONTH = "2026-12";

/** A post in the corps' channel about one gathering: told apart by the gathering's place. */
interface ChannelTarget {
  channel: string;
}
type Target = Member | ChannelTarget;

/** A gathering of the demo corps three weeks ahead (its place names it in the channel's posts). */
async function gathering(change: Partial<Gathering> = {}): Promise<Gathering> {
  const g: Gathering = {
    type: "gathering",
    id: gatheringId(randomUUID()),
    corpsId: DEMO.corpsId,
    at: new Date(clock().getTime() + 21 * 86_400_000).toISOString(),
    place: `Mødelokale ${++n}`,
    presenters: [],
    status: "planned",
    createdAt: clock().toISOString(),
    createdBy: DEMO.coordinator,
    ...change,
  };
  await app.store.repos.gatherings.create(g);
  return g;
}

/** Each kind of message, owed as its change owes it (the state the change leaves, then the message job). */
const KINDS: Record<OwedMessage["what"], () => Promise<{ message: OwedMessage; to: Target }>> = {
  async lending() {
    // A request to lend a mentor, to the lending corps' coordinator (here the demo corps is both: one partition).
    const coordinator = await newMember(["coordinator"]);
    const c = await withCase(await newMember(["mentor"]), (x) => x);
    const id = `lending-${randomUUID()}`;
    await app.store.repos.lendings.create({ type: "lending", id, corpsId: DEMO.corpsId, lenderCorpsId: DEMO.corpsId, caseId: c.id, kind: c.kind, status: "asked", askedBy: DEMO.coordinator, askedAt: clock().toISOString() });
    return { message: { what: "lending", lendingId: id, borrowerCorpsId: DEMO.corpsId, event: "asked", to: coordinator.aadObjectId }, to: coordinator };
  },
  async gatheringInvite() {
    const g = await gathering();
    return { message: { what: "gatheringInvite", gatheringId: g.id }, to: { channel: g.place } };
  },
  async gatheringRemind() {
    const g = await gathering();
    return { message: { what: "gatheringRemind", gatheringId: g.id }, to: { channel: g.place } };
  },
  async gatheringCancelled() {
    const g = await gathering({ status: "cancelled", cancelledAt: clock().toISOString() });
    return { message: { what: "gatheringCancelled", gatheringId: g.id }, to: { channel: g.place } };
  },
  async gatheringAsk() {
    const coach = await newMember(["relativeCoach"]);
    const g = await gathering({ presenters: [coach.aadObjectId] });
    return { message: { what: "gatheringAsk", gatheringId: g.id, to: coach.aadObjectId }, to: coach };
  },
  async flags() {
    const coordinator = await newMember(["coordinator"]);
    const coach = await newMember(["mentor"]);
    const entryId = `e${++n}`;
    const c = await withCase(coach, (x) => ({
      ...x,
      coordinatorId: coordinator.aadObjectId,
      flags: [{ id: `${entryId}:match`, kind: "match", match: "nej", entryId, at: clock().toISOString(), raisedBy: coach.aadObjectId }],
    }));
    return { message: { what: "flags", caseId: c.id, entryId }, to: coordinator };
  },
  async notice() {
    const coach = await newMember(["mentor"]);
    const actionId = `a${++n}`;
    const c = await withCase(coach, (x) => ({ ...x, status: "paused", notices: [{ id: `${actionId}:paused`, kind: "paused", to: coach.aadObjectId, by: DEMO.coordinator, at: clock().toISOString() }] }));
    return { message: { what: "notice", caseId: c.id, actionId, noticeId: `${actionId}:paused`, to: coach.aadObjectId }, to: coach };
  },
  async halfYear() {
    const coordinator = await newMember(["coordinator"]);
    return { message: { what: "halfYear", period: finishedHalves(clock())[0], to: coordinator.aadObjectId }, to: coordinator };
  },
  async pauseEnds() {
    const coordinator = await newMember(["coordinator"]);
    const coach = await newMember(["mentor"]);
    const actionId = `a${++n}`;
    const c = await withCase(coach, (x) => ({
      ...x,
      coordinatorId: coordinator.aadObjectId,
      status: "paused",
      pause: { reason: "treatment", until: "2026-12-01", at: clock().toISOString(), by: coordinator.aadObjectId, actionId },
    }));
    return { message: { what: "pauseEnds", caseId: c.id, actionId, to: coordinator.aadObjectId }, to: coordinator };
  },
  async nudge() {
    const coach = await newMember(["mentor"]);
    const at = clock().toISOString();
    const c = await withCase(coach, (x) => ({ ...x, plan: { entryId: "p1", at, plannedAt: at, text: "Plan", focusGoalIds: [] } }));
    return { message: { what: "nudge", caseId: c.id, to: coach.aadObjectId, day: "2026-11-25", preparedAt: at }, to: coach };
  },
  async coachLeft() {
    const coordinator = await newMember(["coordinator"]);
    const coach = await newMember([]);
    const c = await withCase(coach);
    await app.store.repos.members.upsert({ ...coach, roles: [], leftAt: clock().toISOString() });
    return { message: { what: "coachLeft", eventId: `ev-${n}`, coachId: coach.aadObjectId, caseIds: [c.id], to: coordinator.aadObjectId }, to: coordinator };
  },
  async checkinAsk() {
    const coach = await newMember(["mentor"]);
    const c = await withCase(coach);
    await app.store.repos.checkIns.createRound(newRound(DEMO.corpsId, checkInOf(MONTH)!));
    return { message: { what: "checkinAsk", month: MONTH, caseId: c.id, to: coach.aadObjectId }, to: coach };
  },
  async checkinRemind() {
    const coach = await newMember(["mentor"]);
    const c = await withCase(coach);
    await app.store.repos.checkIns.createRound(newRound(DEMO.corpsId, checkInOf(MONTH)!));
    await app.store.repos.checkIns.updateRequest(DEMO.corpsId, MONTH, coach.aadObjectId, () => ({
      type: "checkInRequest",
      id: requestId(MONTH, coach.aadObjectId),
      corpsId: DEMO.corpsId,
      month: MONTH,
      memberId: coach.aadObjectId,
      caseIds: [c.id],
      sends: [{ id: `ask:${c.id}`, delivery: "sent" }],
    }));
    return { message: { what: "checkinRemind", month: MONTH, to: coach.aadObjectId }, to: coach };
  },
  async meetingMoved() {
    const coach = await newMember(["mentor"]);
    const at = "2026-12-02T13:00:00.000Z";
    await app.store.repos.checkIns.updateRequest(DEMO.corpsId, MONTH, coach.aadObjectId, () => ({
      type: "checkInRequest",
      id: requestId(MONTH, coach.aadObjectId),
      corpsId: DEMO.corpsId,
      month: MONTH,
      memberId: coach.aadObjectId,
      caseIds: [],
      sends: [],
      meetingAt: at,
    }));
    return { message: { what: "meetingMoved", month: MONTH, to: coach.aadObjectId, at, by: DEMO.coordinator }, to: coach };
  },
};

/** The message jobs owed now, as the change wrote them; due at once (its own turn did not get to send them). */
async function owe(message: OwedMessage): Promise<string> {
  const job = messageJob(DEMO.corpsId, message, clock(), clock());
  expect(await app.store.repos.jobs.create(job)).toBe("created");
  return job.id;
}

/** Every card a member received is a valid card (version, labels, verbs, one «Menu», nothing that validates by mistake). */
function receivedCardsAreValid() {
  for (const c of connector.calls) {
    const card = c.body?.attachments?.[0]?.content;
    if (card) expect(cardProblems(card)).toEqual([]);
  }
}

/** Messages that reached the member: the chat Løft started for them, then what it posted there (or: the channel's posts). */
function received(to: Target) {
  if ("channel" in to) return connector.calls.filter((c) => c.method === "POST" && c.conversationId === DEMO.teamId && JSON.stringify(c.body ?? {}).includes(to.channel)).length;
  const started = connector.calls.filter((c) => c.method === "POST" && c.path === "/v3/conversations" && c.body?.members?.[0]?.id === to.teamsUserId);
  return started.length;
}

/** An app instance over the same store (its own bot, messenger and scheduler), optionally one that dies mid-send. */
function instance(dies?: "beforeRequest" | "afterRequest") {
  const never = new Promise<never>(() => undefined);
  const wrapMessenger = (real: Messenger): Messenger =>
    dies === undefined
      ? real
      : {
          ...real,
          async startChat(to, reply, opts) {
            if (dies === "beforeRequest") return never; // claimed, nothing marked, nothing sent: then the process is gone
            await real.startChat(to, reply, opts); // marked and sent …
            return never; // … and the process is gone before it records the outcome
          },
          async send(to, reply, opts) {
            if (dies === "beforeRequest") return never;
            await real.send(to, reply, opts);
            return never;
          },
          async post(to, reply, opts) {
            if (dies === "beforeRequest") return never;
            await real.post(to, reply, opts);
            return never;
          },
        };
  const bot = createBot(loadConfig({}), { repos: app.store.repos, clock, log: app.log }, { wrapMessenger });
  return createScheduler({ repos: app.store.repos, clock, log: app.log, handlers: bot.jobHandlers });
}

/** Runs one tick of an instance that dies: the tick never finishes, so it is not awaited; returns once it is stuck. */
async function tickUntilStuck(dies: "beforeRequest" | "afterRequest", to: Target, id: string) {
  void instance(dies).tick();
  if (dies === "afterRequest") await eventually(() => received(to) === 1, "the request to reach Teams");
  else await eventually(async () => (await app.store.repos.jobs.get(DEMO.corpsId, id))?.doc.status === "claimed", "the job claimed");
}

describe.each(Object.keys(KINDS) as Array<OwedMessage["what"]>)("a %s message", (what) => {
  test("dies after the claim, before the request: the next instance sends it once, starting the chat", async () => {
    const { message, to } = await KINDS[what]();
    const id = await owe(message);
    await tickUntilStuck("beforeRequest", to, id);
    expect(received(to)).toBe(0);
    expect((await app.store.repos.jobs.get(DEMO.corpsId, id))?.doc.status).toBe("claimed");

    clock.advance(CLAIM_TIMEOUT_MS + 1000); // the dead runner's claim lapses
    await instance().tick();
    expect(received(to)).toBe(1);
    expect((await app.store.repos.jobs.get(DEMO.corpsId, id))?.doc.status).toBe("done");
    if (!("channel" in to)) expect((await app.store.repos.members.get(DEMO.corpsId, to.aadObjectId))?.conversation).toBeDefined(); // the chat is known now
  });

  test("dies after the request, before the record: never sent again, recorded as unconfirmed", async () => {
    const { message, to } = await KINDS[what]();
    const id = await owe(message);
    await tickUntilStuck("afterRequest", to, id);
    const left = (await app.store.repos.jobs.get(DEMO.corpsId, id))?.doc;
    expect(left?.status).toBe("claimed");
    expect(left?.kind === "message" && left.sendingAt).toBeTruthy();

    clock.advance(CLAIM_TIMEOUT_MS + 1000);
    await instance().tick();
    clock.advance(3_600_000);
    await instance().tick();
    expect(received(to)).toBe(1);
    expect((await app.store.repos.jobs.get(DEMO.corpsId, id))?.doc.status).toBe("done");
    // Owing it again (a step run twice, a replay) finds it done: nothing more is sent.
    expect(await app.store.repos.jobs.create(messageJob(DEMO.corpsId, message, clock(), clock()))).toBe("duplicate");
    await instance().tick();
    expect(received(to)).toBe(1);
  });

  test("two instances at the same moment: sent once", async () => {
    const { message, to } = await KINDS[what]();
    await owe(message);
    const ran = await Promise.all([instance().tick(), instance().tick()]);
    expect(ran[0] + ran[1]).toBeGreaterThanOrEqual(1);
    expect(received(to)).toBe(1);
  });
});

test("every card the outbox sent is a valid card", () => {
  expect(connector.calls.some((c) => c.body?.attachments?.[0]?.content)).toBe(true);
  receivedCardsAreValid();
});

test("what a sender recorded is where its readers look: the notice on the case, the status card on the month's request", async () => {
  const notice = await KINDS.notice();
  await owe(notice.message);
  const ask = await KINDS.checkinAsk();
  await owe(ask.message);
  await instance().tick();
  const c = (await app.store.repos.cases.get(DEMO.corpsId, (notice.message as { caseId: string }).caseId))!.doc;
  expect(c.notices[0].delivery).toBe("sent");
  const req = await app.store.repos.checkIns.getRequest(DEMO.corpsId, MONTH, (ask.to as Member).aadObjectId);
  expect(req?.sends).toEqual([expect.objectContaining({ id: `ask:${(ask.message as { caseId: string }).caseId}`, delivery: "sent" })]);
});

describe("the channel's summary post", () => {
  const posts = () => connector.calls.filter((c) => c.method === "POST" && c.conversationId === DEMO.teamId && c.path.includes("/activities"));
  const lapsed = () => ({ token: "dead-runner", at: new Date(clock().getTime() - 10 * 60_000).toISOString() });

  test("a poster that died after its request left: never posted twice, recorded as unconfirmed", async () => {
    const month = "2027-01";
    await app.store.repos.checkIns.createRound(newRound(DEMO.corpsId, checkInOf(month)!));
    await app.store.repos.checkIns.updateRound(DEMO.corpsId, month, (r) => ({ ...r, channel: { ...r.channel, claim: lapsed(), postingAt: lapsed().at } }));
    const bot = createBot(loadConfig({}), { repos: app.store.repos, clock, log: app.log });
    const before = posts().length;
    expect(await bot.checkIns.refresh(DEMO.corpsId, month, true)).toBe("unconfirmed");
    expect(posts().length).toBe(before);
    expect((await app.store.repos.checkIns.getRound(DEMO.corpsId, month))?.doc.channel.delivery).toBe("unconfirmed");
  });

  test("a poster that died before its request left: the next one posts it, once", async () => {
    const month = "2027-02";
    await app.store.repos.checkIns.createRound(newRound(DEMO.corpsId, checkInOf(month)!));
    await app.store.repos.checkIns.updateRound(DEMO.corpsId, month, (r) => ({ ...r, channel: { ...r.channel, claim: lapsed() } }));
    const bot = createBot(loadConfig({}), { repos: app.store.repos, clock, log: app.log });
    const before = posts().length;
    expect(await bot.checkIns.refresh(DEMO.corpsId, month, true)).toBe("posted");
    expect(await bot.checkIns.refresh(DEMO.corpsId, month, true)).toBe("current");
    expect(posts().length).toBe(before + 1);
  });
});

test("a finished message is kept as proof for five weeks, then purged by the hourly plan", async () => {
  const { message } = await KINDS.nudge();
  const id = await owe(message);
  const scheduler = instance();
  await scheduler.tick();
  expect((await app.store.repos.jobs.get(DEMO.corpsId, id))?.doc.status).toBe("done");
  clock.advance(34 * 86_400_000);
  await instance().tick();
  expect(await app.store.repos.jobs.get(DEMO.corpsId, id)).toBeDefined();
  clock.advance(2 * 86_400_000);
  await instance().tick();
  expect(await app.store.repos.jobs.get(DEMO.corpsId, id)).toBeUndefined();
});
