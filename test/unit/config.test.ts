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
