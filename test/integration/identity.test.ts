// Who is asking: the Teams identity resolved through the directory, remembered for a minute.
import { startTestApp } from "../helpers/app";
import { message } from "../helpers/teams";
import { createIdentityCache } from "../../bot/context";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";
import { userKey } from "../../src/domain/model";

let app: RunningApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

test("a member removed from the corps loses access when the remembered identity expires", async () => {
  let now = 0;
  const cache = createIdentityCache(app.store.repos, 60_000, () => now);
  const activity = message({ aadObjectId: DEMO.mentor2, name: "Demo Mentor 2" }, "http://127.0.0.1:9/", "hej");
  expect((await cache.resolve(activity))?.member.name).toBe("Demo Mentor 2");

  await app.store.repos.directory.upsert({ id: userKey(DEMO.tenantId, DEMO.mentor2), memberships: [] });
  now = 59_000;
  expect(await cache.resolve(activity)).toBeDefined(); // within the minute
  now = 60_001;
  expect(await cache.resolve(activity)).toBeUndefined();
});

test("an identity from another tenant is not found, even with a known aadObjectId", async () => {
  const cache = createIdentityCache(app.store.repos);
  const activity = message({ aadObjectId: DEMO.mentor, name: "x", tenantId: "99999999-0000-0000-0000-000000000000" }, "http://127.0.0.1:9/", "hej");
  expect(await cache.resolve(activity)).toBeUndefined();
});
