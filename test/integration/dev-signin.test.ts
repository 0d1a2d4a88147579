// Local mode's sign-in to the tab (never in production): anyone with a role in any corps in the store — the demo's,
// and a corps a local trial made by adding Løft to a team in another tenant — can be signed in as, and sees their corps.
import { startTestApp } from "../helpers/app";
import type { RunningApp } from "../../src/app";
import { withMembership } from "../../src/domain/corps";
import { DEMO } from "../../src/domain/demo";
import { memberDocId, type Member } from "../../src/domain/model";

let app: RunningApp;
const TENANT = "7e57ab1e-0000-4000-8000-000000000001";
const ANNE = "7e57ab1e-0000-4000-8000-0000000000a1";

beforeAll(async () => {
  app = await startTestApp();
  const corpsId = "corps-trial";
  await app.store.repos.corps.upsert({ type: "corps", id: corpsId, corpsId, name: "Prøve Kommune", tenantId: TENANT, teamId: "19:trial@thread.tacv2", channelId: "19:trial@thread.tacv2", extraDaysOff: [], setup: "done" });
  const anne: Member = { type: "member", id: memberDocId(ANNE), corpsId, aadObjectId: ANNE, name: "Anne Koordinator", roles: ["coordinator", "leader"] };
  await app.store.repos.members.upsert(anne);
  await app.store.repos.directory.upsert(withMembership(undefined, TENANT, anne));
  await app.store.repos.members.upsert({ type: "member", id: memberDocId("7e57ab1e-0000-4000-8000-0000000000a2"), corpsId, aadObjectId: "7e57ab1e-0000-4000-8000-0000000000a2", name: "Uden Rolle", roles: [] });
});
afterAll(() => app?.close());

const token = (aadObjectId: string, tenantId: string) =>
  fetch(`${app.url}/api/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ aadObjectId, tenantId }) });

test("the sign-in lists everyone with a role in every corps, with their corps; no one without a role", async () => {
  const { users } = await (await fetch(`${app.url}/api/dev/users`)).json();
  expect(users).toContainEqual({ aadObjectId: ANNE, tenantId: TENANT, name: "Anne Koordinator", roles: ["coordinator", "leader"], corps: ["Prøve Kommune"] });
  expect(users).toContainEqual(expect.objectContaining({ aadObjectId: DEMO.leader, tenantId: DEMO.tenantId, corps: ["Demo Kommune"] }));
  expect(users.map((u: { name: string }) => u.name)).not.toContain("Uden Rolle");
});

test("a token for the trial corps' coordinator opens their own corps; someone unknown, or in the wrong tenant, gets none", async () => {
  const res = await token(ANNE, TENANT);
  expect(res.status).toBe(200);
  const me = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${(await res.json()).token}` } });
  expect(me.status).toBe(200);
  expect((await me.json()).corps.name).toBe("Prøve Kommune");
  expect((await token(ANNE, DEMO.tenantId)).status).toBe(404);
  expect((await token("7e57ab1e-0000-4000-8000-0000000000a2", TENANT)).status).toBe(404);
  expect((await token(ANNE, "not-a-tenant")).status).toBe(400);
});
