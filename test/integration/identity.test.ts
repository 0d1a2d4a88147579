// Who is asking: the Teams identity resolved through the directory. What an app instance remembers is checked against
// the directory entry on every turn (one point read), so a change of roles or membership counts at once on every
// instance; and the corps is the one the conversation, the card or the member's own choice names.
import { startTestApp } from "../helpers/app";
import { message } from "../helpers/teams";
import { createIdentityCache } from "../../bot/context";
import type { RunningApp } from "../../src/app";
import { teamKey, withMembership } from "../../src/domain/corps";
import { DEMO } from "../../src/domain/demo";
import { memberDocId, userKey, type Member, type Role } from "../../src/domain/model";

let app: RunningApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const TEAM_B = "19:identity-b@thread.tacv2";
const CORPS_B = "identity-b";

/** A member of the demo corps (and of corps B, with `inB`), written as the set-up card writes them. */
async function person(aad: string, name: string, roles: Role[], inB?: Role[]) {
  const repos = app.store.repos;
  const write = async (corpsId: string, r: Role[]) => {
    const member: Member = { type: "member", id: memberDocId(aad), corpsId, aadObjectId: aad, name, roles: r };
    await repos.members.upsert(member);
    await repos.directory.upsert(withMembership(await repos.directory.get(userKey(DEMO.tenantId, aad)), DEMO.tenantId, member));
  };
  await write(DEMO.corpsId, roles);
  if (inB) await write(CORPS_B, inB);
  return { aad, name, setRoles: write };
}

/** Two app instances over one store: each has its own identity cache. */
function twoInstances(now: () => number = () => 0) {
  return [createIdentityCache(app.store.repos, 60_000, now), createIdentityCache(app.store.repos, 60_000, now)] as const;
}

beforeAll(async () => {
  await app.store.repos.corps.upsert({ type: "corps", id: CORPS_B, corpsId: CORPS_B, name: "Nabo Kommune", tenantId: DEMO.tenantId, teamId: TEAM_B, channelId: TEAM_B, extraDaysOff: [], setup: "done" });
  await app.store.repos.teams.create({ type: "team", id: teamKey(DEMO.tenantId, TEAM_B), corpsId: CORPS_B });
});

test("a member removed from the corps loses access at once on every instance, though both remembered them", async () => {
  const [one, two] = twoInstances();
  const activity = message({ aadObjectId: DEMO.mentor2, name: "Demo Mentor 2" }, "http://127.0.0.1:9/", "hej");
  expect((await one.resolve(activity))?.member.name).toBe("Demo Mentor 2");
  expect((await two.resolve(activity))?.member.name).toBe("Demo Mentor 2");

  await app.store.repos.directory.upsert({ id: userKey(DEMO.tenantId, DEMO.mentor2), memberships: [] });
  expect(await one.resolve(activity)).toBeUndefined();
  expect(await two.resolve(activity)).toBeUndefined();
});

test("a coordinator demoted by the set-up is a mentor at once on both instances; promoted again, a coordinator at once", async () => {
  const [one, two] = twoInstances();
  const p = await person("0000000d-0000-0000-0000-0000000000c1", "Cille Koordinator", ["coordinator"]);
  const activity = message({ aadObjectId: p.aad, name: p.name }, "http://127.0.0.1:9/", "hej");
  expect((await one.resolve(activity))?.member.roles).toEqual(["coordinator"]);
  expect((await two.resolve(activity))?.member.roles).toEqual(["coordinator"]);

  await p.setRoles(DEMO.corpsId, ["mentor"]);
  expect((await one.resolve(activity))?.member.roles).toEqual(["mentor"]);
  expect((await two.resolve(activity))?.member.roles).toEqual(["mentor"]);

  await p.setRoles(DEMO.corpsId, ["coordinator", "mentor"]);
  expect((await two.resolve(activity))?.member.roles).toEqual(["coordinator", "mentor"]);
  expect((await one.resolve(activity))?.member.roles).toEqual(["coordinator", "mentor"]);
});

test("what is remembered costs one point read a turn: the directory entry", async () => {
  const [one] = twoInstances();
  const activity = message({ aadObjectId: DEMO.mentor, name: "Demo Mentor" }, "http://127.0.0.1:9/", "hej");
  await one.resolve(activity);
  const before = app.store.requestCount()!;
  expect((await one.resolve(activity))?.member.name).toBe("Demo Mentor");
  expect(app.store.requestCount()! - before).toBe(1);
});

describe("a member of two corps in one tenant", () => {
  const inTeam = (aad: string, teamId: string) => ({
    ...message({ aadObjectId: aad, name: "x" }, "http://127.0.0.1:9/", "hej"),
    conversation: { id: `${teamId};messageid=1`, conversationType: "channel", tenantId: DEMO.tenantId },
    channelData: { tenant: { id: DEMO.tenantId }, team: { id: teamId } },
  });

  test("in a team's channel, the corps of that team — whichever membership the directory lists first", async () => {
    const [one] = twoInstances();
    const p = await person("0000000d-0000-0000-0000-0000000000c2", "Dorte To Korps", ["mentor"], []);
    // B's coordinator gives her a role: B's membership moves to the end of her directory entry, then A's does.
    await p.setRoles(CORPS_B, ["leader"]);
    await p.setRoles(DEMO.corpsId, ["coordinator"]);
    expect((await app.store.repos.directory.get(userKey(DEMO.tenantId, p.aad)))?.memberships.map((m) => m.corpsId)).toEqual([CORPS_B, DEMO.corpsId]);
    // The demo corps has no team link (it was set up before Løft kept one): its corps document names its team.
    expect((await one.resolve(inTeam(p.aad, DEMO.teamId)))?.corps.corpsId).toBe(DEMO.corpsId);
    expect((await one.resolve(inTeam(p.aad, TEAM_B)))?.corps.corpsId).toBe(CORPS_B);
    expect((await one.resolve(inTeam(p.aad, DEMO.teamId)))?.member.roles).toEqual(["coordinator"]);
    // A team that is no corps of hers: nobody.
    expect(await one.resolve(inTeam(p.aad, "19:elsewhere@thread.tacv2"))).toBeUndefined();
  });

  test("in the personal chat: the one corps where she has a role; with roles in both, Løft asks until she chooses", async () => {
    const [one, two] = twoInstances();
    const p = await person("0000000d-0000-0000-0000-0000000000c3", "Erik To Korps", ["mentor"], []);
    const hej = message({ aadObjectId: p.aad, name: p.name }, "http://127.0.0.1:9/", "hej");
    await p.setRoles(DEMO.corpsId, ["coordinator"]); // A's membership moves behind B's, where he has no role
    expect((await one.resolve(hej))?.corps.corpsId).toBe(DEMO.corpsId);

    await p.setRoles(CORPS_B, ["mentor"]);
    const asked = await one.lookUp(hej);
    expect(asked.kind).toBe("choose");
    expect(asked.kind === "choose" && asked.options).toEqual([
      { corpsId: DEMO.corpsId, name: "Demo Kommune" },
      { corpsId: CORPS_B, name: "Nabo Kommune" },
    ]);
    expect(await one.choose(hej, "corps-he-is-not-in")).toBe(false);
    expect(await one.choose(hej, CORPS_B)).toBe(true);
    // Chosen on one instance, used by both at once.
    expect((await one.resolve(hej))?.corps.corpsId).toBe(CORPS_B);
    expect((await two.resolve(hej))?.corps.corpsId).toBe(CORPS_B);
    expect((await two.resolve(hej))?.otherCorps).toEqual([{ corpsId: DEMO.corpsId, name: "Demo Kommune" }]);
    // A's coordinator changes his role there: the choice stands.
    await p.setRoles(DEMO.corpsId, ["coordinator", "mentor"]);
    expect((await one.resolve(hej))?.corps.corpsId).toBe(CORPS_B);
    expect(await one.choose(hej, DEMO.corpsId)).toBe(true);
    expect((await two.resolve(hej))?.corps.corpsId).toBe(DEMO.corpsId);
  });
});

test("an identity from another tenant is not found, even with a known aadObjectId", async () => {
  const cache = createIdentityCache(app.store.repos);
  const activity = message({ aadObjectId: DEMO.mentor, name: "x", tenantId: "99999999-0000-0000-0000-000000000000" }, "http://127.0.0.1:9/", "hej");
  expect(await cache.resolve(activity)).toBeUndefined();
});
