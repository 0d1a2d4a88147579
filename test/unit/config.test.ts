import { devSignInAllowed, loadConfig } from "../../src/config";

test("defaults give a local app on loopback with the embedded store", () => {
  const c = loadConfig({});
  expect(c).toMatchObject({ PORT: 3978, HOST: "127.0.0.1", DATA_DIR: ".data", embeddedStore: true, production: false });
  expect(c.publicUrl).toBe("http://127.0.0.1:3978");
});

test.each([
  [{ PORT: "abc" }, "Invalid configuration: PORT: Expected number, received nan"],
  [{ COSMOS_ENDPOINT: "not a url" }, "Invalid configuration: COSMOS_ENDPOINT: Invalid url"],
  [{ CLOCK_START: "tomorrow" }, "Invalid configuration: CLOCK_START: Invalid datetime"],
  [{ SEED_DEMO: "maybe" }, "Invalid configuration: SEED_DEMO:"],
  [{ MicrosoftAppId: "bot" }, "Invalid configuration: MicrosoftAppId: Invalid uuid"],
])("an invalid value stops start-up with one line naming the variable: %o", (env, message) => {
  expect(() => loadConfig(env)).toThrow(message);
});

test("a configured Cosmos DB endpoint turns the embedded store off", () => {
  expect(loadConfig({ COSMOS_ENDPOINT: "https://x.documents.azure.com:443/" }).embeddedStore).toBe(false);
});

test("empty variables count as unset", () => {
  expect(loadConfig({ PORT: "", MicrosoftAppId: " " })).toMatchObject({ PORT: 3978, production: false });
});

test("the tab's local sign-in only in local mode on loopback", () => {
  expect(devSignInAllowed(loadConfig({}))).toBe(true);
  expect(devSignInAllowed(loadConfig({ HOST: "0.0.0.0" }))).toBe(false);
  expect(devSignInAllowed(loadConfig({ MicrosoftAppId: "00000000-0000-4000-8000-000000000001", COSMOS_ENDPOINT: "https://x.documents.azure.com:443/" }))).toBe(false);
});

test("the tab's own Entra app: its tokens are taken with the client id (v2) or the app id URI (v1) as audience", () => {
  const c = loadConfig({
    MicrosoftAppId: "6f1c2d3e-0000-4000-8000-000000000abc",
    MicrosoftAppType: "UserAssignedMSI",
    MicrosoftAppTenantId: "4b1c6a52-1d4e-4c1b-9a57-7d2f5e8b9c02",
    TAB_APP_ID: "11111111-2222-4333-8444-555555555555",
    PUBLIC_URL: "https://loft.kommune.dk",
    COSMOS_ENDPOINT: "https://loft.documents.azure.com:443/",
  });
  expect(c.tabAudience).toBe("api://loft.kommune.dk/11111111-2222-4333-8444-555555555555");
  expect(c.tabAudiences.sort()).toEqual(["11111111-2222-4333-8444-555555555555", "api://loft.kommune.dk/11111111-2222-4333-8444-555555555555"]);
  // Locally only the dev issuer's audience.
  expect(loadConfig({}).tabAudiences).toEqual(["api://127.0.0.1/loft"]);
});

test("a verifier with several audiences takes a token for any of them, and refuses another", async () => {
  const { devToken, devVerifier } = await import("../../src/auth/tokens");
  const { mkdtempSync } = await import("node:fs");
  const dir = mkdtempSync(`${require("node:os").tmpdir()}/loft-aud-`);
  const now = new Date("2026-11-25T09:00:00Z");
  const verify = await devVerifier(dir, ["client-id-guid", "api://loft.kommune.dk/client-id-guid"], () => now);
  const who = { aadObjectId: "0000000d-0000-0000-0000-000000000001", tenantId: "0000000d-0000-0000-0000-000000000000", now };
  for (const audience of ["client-id-guid", "api://loft.kommune.dk/client-id-guid"]) {
    await expect(verify(`Bearer ${await devToken(dir, { ...who, audience })}`)).resolves.toMatchObject({ aadObjectId: who.aadObjectId });
  }
  await expect(verify(`Bearer ${await devToken(dir, { ...who, audience: "api://elsewhere/x" })}`)).rejects.toThrow();
});
