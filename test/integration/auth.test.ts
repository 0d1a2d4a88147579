// With Bot Framework credentials configured, every activity must carry a valid Bot Framework token.
import { startTestApp } from "../helpers/app";
import { demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";

let app: RunningApp;
const printed: unknown[][] = [];

beforeAll(async () => {
  // Recorded to assert that a refusal prints nothing (botbuilder's own handler printed a stack for each one).
  jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => void printed.push(args));
  app = await startTestApp({
    env: {
      MicrosoftAppId: "6f1c2d3e-0000-4000-8000-000000000abc",
      MicrosoftAppPassword: "not-a-real-secret",
      MicrosoftAppType: "MultiTenant",
      ALLOW_EMBEDDED_STORE: "true",
    },
  });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await app?.close();
});

test.each([
  ["no token", {}],
  ["a token that is not a JWT", { authorization: "Bearer not-a-token" }],
  ["another scheme", { authorization: "Basic dXNlcjpwYXNz" }],
])("an activity with %s is refused with 401, in JSON, printing nothing", async (_name, headers: Record<string, string>) => {
  const res = await post(app.url, message(demoMentor, "http://127.0.0.1:9/", "hej"), headers);
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ error: "unauthorized" });
  expect(printed).toEqual([]);
});

// A forged token cannot be tested here: validating any token first fetches Microsoft's signing keys,
// and this machine cannot reach Microsoft's cloud.

test("production refuses the embedded store unless allowed", async () => {
  const { loadConfig } = await import("../../src/config");
  expect(() => loadConfig({ MicrosoftAppId: "6f1c2d3e-0000-4000-8000-000000000abc" })).toThrow(
    "Invalid configuration: COSMOS_ENDPOINT: required when MicrosoftAppId is set (or set ALLOW_EMBEDDED_STORE=true)",
  );
});
