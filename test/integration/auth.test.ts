// With Bot Framework credentials configured, every activity must carry a valid Bot Framework token.
import { startTestApp } from "../helpers/app";
import { demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";

let app: RunningApp;

beforeAll(async () => {
  jest.spyOn(console, "error").mockImplementation(() => undefined); // botbuilder prints each refusal
  app = await startTestApp({
    env: {
      MicrosoftAppId: "6f1c2d3e-0000-4000-8000-000000000abc",
      MicrosoftAppPassword: "not-a-real-secret",
      MicrosoftAppType: "MultiTenant",
      ALLOW_EMBEDDED_STORE: "true",
    },
  });
});
afterAll(() => app?.close());

test("an activity without a token is refused with 401", async () => {
  const res = await post(app.url, message(demoMentor, "http://127.0.0.1:9/", "hej"));
  expect(res.status).toBe(401);
});

// A forged token cannot be tested here: validating any token first fetches Microsoft's signing keys,
// and this machine cannot reach Microsoft's cloud.

test("production refuses the embedded store unless allowed", async () => {
  const { loadConfig } = await import("../../src/config");
  expect(() => loadConfig({ MicrosoftAppId: "6f1c2d3e-0000-4000-8000-000000000abc" })).toThrow(
    "Invalid configuration: COSMOS_ENDPOINT: required when MicrosoftAppId is set (or set ALLOW_EMBEDDED_STORE=true)",
  );
});
