// Roles decide what the store gives a flow (src/store/access.ts over the embedded Cosmos server, demo corps):
// a mentor reaches the cases they hold, a coordinator the corps' cases, a leader none, and a member of one corps
// nothing of another — whatever case id a card or a request names.
import { startTestApp } from "../helpers/app";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";
import type { Member } from "../../src/domain/model";
import { AccessDenied, casesFor } from "../../src/store/access";

let app: RunningApp;
let members: Member[];
beforeAll(async () => {
  app = await startTestApp();
  members = await app.store.repos.members.list(DEMO.corpsId);
});
afterAll(() => app?.close());
const who = (aad: string) => members.find((m) => m.aadObjectId === aad)!;

test("a mentor reaches their own cases as coach, no one else's, and nothing as coordinator", async () => {
  const all = await app.store.repos.cases.list(DEMO.corpsId);
  const mentor = casesFor(app.store.repos, who(DEMO.mentor));
  const own = all.filter((c) => c.coachId === DEMO.mentor);
  const others = all.filter((c) => c.coachId !== DEMO.mentor);
  expect(own.length).toBeGreaterThan(0);
  expect((await mentor.list("coach")).map((c) => c.id).sort()).toEqual(own.map((c) => c.id).sort());
  expect(await mentor.get(own[0].id, "coach")).toBeDefined();
  expect(await mentor.get(others[0].id, "coach")).toBeUndefined();
  expect(await mentor.get(own[0].id, "coordinator")).toBeUndefined();
  expect(await mentor.list("coordinator")).toEqual([]);
  const got = (await app.store.repos.cases.get(DEMO.corpsId, others[0].id))!;
  await expect(mentor.update(got, (c) => ({ ...c, status: "paused" }), "coach")).rejects.toThrow(AccessDenied);
  await expect(mentor.update(got, (c) => ({ ...c, status: "paused" }), "coordinator")).rejects.toThrow(AccessDenied);
  expect((await app.store.repos.cases.get(DEMO.corpsId, others[0].id))!.doc.status).toBe(got.doc.status);
});

test("a coordinator reaches every case of the corps; a leader none, in any role", async () => {
  const all = await app.store.repos.cases.list(DEMO.corpsId);
  const coordinator = casesFor(app.store.repos, who(DEMO.coordinator));
  expect(await coordinator.list("coordinator")).toHaveLength(all.length);
  expect(await coordinator.get(all[all.length - 1].id, "coordinator")).toBeDefined();
  const leader = casesFor(app.store.repos, who(DEMO.leader));
  for (const as of ["coach", "coordinator"] as const) {
    expect(await leader.list(as)).toEqual([]);
    expect(await leader.get(all[0].id, as)).toBeUndefined();
  }
});

test("a coordinator of another corps reaches nothing of this one, even naming its case ids", async () => {
  const all = await app.store.repos.cases.list(DEMO.corpsId);
  const stranger: Member = { ...who(DEMO.coordinator), corpsId: "corps-elsewhere" };
  const access = casesFor(app.store.repos, stranger);
  expect(await access.get(all[0].id, "coordinator")).toBeUndefined();
  expect(await access.list("coordinator")).toEqual([]);
  await expect(access.create({ ...all[0], id: "case-planted" })).rejects.toThrow(AccessDenied);
});
