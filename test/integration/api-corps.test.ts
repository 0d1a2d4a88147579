// The tab's API for a member of two corps (issue 19 §3): the token (tid + oid) names no team, the tab sends the Teams
// context's team (X-Loft-Team) or the corps the user picked (X-Loft-Corps); without either, the one corps, the corps
// chosen in the chat with Løft, or 409 with the corps to choose from. A role change counts at the next request.
import { startTestApp } from "../helpers/app";
import { execute, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { manualClock } from "../../src/domain/clock";
import { teamKey, withMembership, withoutMembership } from "../../src/domain/corps";
import { DEMO } from "../../src/domain/demo";
import { memberDocId, userKey, type Member, type Role } from "../../src/domain/model";
import { TEST_START } from "../helpers/time";

const clock = manualClock(TEST_START);
let app: RunningApp & { dataDir: string };

const TEAM_B = "19:api-nabo@thread.tacv2";
const CORPS_B = "api-nabo";
const TEAM_C = "19:api-tredje@thread.tacv2";
const CORPS_C = "api-tredje";

const tokenFor = (aadObjectId: string) => devToken(app.dataDir, { aadObjectId, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() });
async function get(path: string, aad: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${await tokenFor(aad)}`, ...headers } });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** Writes a role as the set-up card does: the member document, then the directory entry. */
async function setRoles(corpsId: string, aad: string, name: string, roles: Role[]) {
  const member: Member = { type: "member", id: memberDocId(aad), corpsId, aadObjectId: aad, name, roles };
  await app.store.repos.members.upsert(member);
  await app.store.repos.directory.upsert(withMembership(await app.store.repos.directory.get(userKey(DEMO.tenantId, aad)), DEMO.tenantId, member));
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  for (const [corpsId, teamId, name] of [[CORPS_B, TEAM_B, "Nabo Kommune"], [CORPS_C, TEAM_C, "Tredje Kommune"]]) {
    await app.store.repos.corps.upsert({ type: "corps", id: corpsId, corpsId, name, tenantId: DEMO.tenantId, teamId, channelId: teamId, extraDaysOff: [], setup: "done" });
    await app.store.repos.teams.create({ type: "team", id: teamKey(DEMO.tenantId, teamId), corpsId });
  }
  // The demo leader leads corps B too.
  await setRoles(CORPS_B, DEMO.leader, "Demo Leder", ["leader"]);
});
afterAll(() => app?.close());

test("a member of one corps: as before without the header; with it, their team's corps or 403", async () => {
  const me = await get("/api/me", DEMO.coordinator);
  expect(me.status).toBe(200);
  expect(me.body.corps.name).toBe("Demo Kommune");
  expect((await get("/api/dashboard", DEMO.coordinator)).status).toBe(200);
  expect((await get("/api/me", DEMO.coordinator, { "X-Loft-Team": DEMO.teamId })).body.corps.name).toBe("Demo Kommune");
  expect((await get("/api/me", DEMO.coordinator, { "X-Loft-Team": TEAM_B })).status).toBe(403);
  expect((await get("/api/me", DEMO.coordinator, { "X-Loft-Corps": CORPS_B })).status).toBe(403);
});

test("a member of two corps without a header and without a choice: 409 naming the corps to choose from", async () => {
  const res = await get("/api/me", DEMO.leader);
  expect(res.status).toBe(409);
  expect(res.body).toEqual({
    error: "choose corps",
    corps: [
      { id: DEMO.corpsId, name: "Demo Kommune" },
      { id: CORPS_B, name: "Nabo Kommune" },
    ],
  });
  expect((await get("/api/dashboard", DEMO.leader)).status).toBe(409);
});

test("with the team's header: that team's corps; a team she is not in, or that is no corps: 403", async () => {
  expect((await get("/api/me", DEMO.leader, { "X-Loft-Team": DEMO.teamId })).body.corps.name).toBe("Demo Kommune");
  expect((await get("/api/me", DEMO.leader, { "X-Loft-Team": TEAM_B })).body.corps.name).toBe("Nabo Kommune");
  const dashboardB = await get("/api/dashboard", DEMO.leader, { "X-Loft-Team": TEAM_B });
  expect(dashboardB.status).toBe(200);
  expect(dashboardB.body.overview.active.total).toEqual({ value: 0, n: 0 }); // B has no cases: nothing of A's
  expect((await get("/api/me", DEMO.leader, { "X-Loft-Team": TEAM_C })).status).toBe(403);
  expect((await get("/api/me", DEMO.leader, { "X-Loft-Team": "19:no-corps@thread.tacv2" })).status).toBe(403);
});

test("the corps picked in the tab (X-Loft-Corps), or chosen in the chat with Løft", async () => {
  expect((await get("/api/me", DEMO.leader, { "X-Loft-Corps": CORPS_B })).body.corps.name).toBe("Nabo Kommune");
  expect((await get("/api/me", DEMO.leader, { "X-Loft-Corps": CORPS_C })).status).toBe(403);
  // She chooses B in her personal chat with Løft: the tab without a header follows.
  const chose = await post(app.url, execute({ aadObjectId: DEMO.leader, name: "Demo Leder" }, "http://127.0.0.1:9/", "corps.set", { verb: "corps.set", corpsId: CORPS_B }));
  expect(chose.status).toBe(200);
  expect((await get("/api/me", DEMO.leader)).body.corps.name).toBe("Nabo Kommune");
  // The team's header still decides over the choice.
  expect((await get("/api/me", DEMO.leader, { "X-Loft-Team": DEMO.teamId })).body.corps.name).toBe("Demo Kommune");
});

test("(d) a coordinator demoted, or removed, is refused at the next request", async () => {
  const aad = "0000000d-0000-0000-0000-0000000000d1";
  await setRoles(DEMO.corpsId, aad, "Dagmar Koordinator", ["coordinator"]);
  expect((await get("/api/dashboard", aad)).status).toBe(200);
  await setRoles(DEMO.corpsId, aad, "Dagmar Koordinator", ["mentor"]);
  expect((await get("/api/dashboard", aad)).status).toBe(403);
  expect((await get("/api/cases", aad)).body.cases).toEqual([]); // a mentor: their own cases (none)
  await app.store.repos.directory.upsert(withoutMembership(await app.store.repos.directory.get(userKey(DEMO.tenantId, aad)), DEMO.tenantId, aad, DEMO.corpsId));
  expect((await get("/api/me", aad)).status).toBe(403);
});
