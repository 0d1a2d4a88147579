// With Bot Framework credentials configured, every activity must carry a valid Bot Framework token.
import pino from "pino";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { Writable } from "node:stream";
import { startTestApp } from "../helpers/app";
import { cardText } from "../helpers/cards";
import { demoMentor, execute, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";

const APP_ID = "6f1c2d3e-0000-4000-8000-000000000abc";
const SERVICE_URL = "http://127.0.0.1:9/";

// This machine cannot reach Microsoft's cloud, so the channel's signing keys are planted where botframework-connector
// keeps them once fetched: its cache of OpenID metadata, by URL (a private static of JwtTokenExtractor — if an upgrade
// moves it, these tests fail at `plant`, not silently). Tokens are then signed here, by us or by a stranger.
const OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration";
const channel = generateKeyPairSync("rsa", { modulusLength: 2048 });
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
const KID = "loft-test-key";
const OFFLINE_KID = "loft-keys-unreachable";

function plant() {
  const { JwtTokenExtractor } = require("botframework-connector/lib/auth/jwtTokenExtractor");
  const cache = (JwtTokenExtractor as { openIdMetadataCache?: unknown }).openIdMetadataCache;
  if (!(cache instanceof Map)) throw new Error("botframework-connector no longer caches OpenID metadata where this test expects");
  const key = channel.publicKey.export({ type: "spki", format: "pem" });
  cache.set(OPENID_URL, {
    async getKey(kid: string) {
      if (kid === OFFLINE_KID) {
        // What node-fetch throws when login.botframework.com cannot be reached.
        throw Object.assign(new Error("request to https://login.botframework.com failed, reason: getaddrinfo ENOTFOUND"), {
          name: "FetchError",
          code: "ENOTFOUND",
        });
      }
      return kid === KID ? { key, endorsements: ["msteams"] } : null;
    },
  });
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
function token(claims: Record<string, unknown>, key: KeyObject = channel.privateKey, kid = KID): string {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: "RS256", typ: "JWT", kid })}.${b64({
    iss: "https://api.botframework.com",
    aud: APP_ID,
    serviceurl: SERVICE_URL,
    nbf: now - 60,
    exp: now + 3600,
    ...claims,
  })}`;
  return `Bearer ${body}.${sign("sha256", Buffer.from(body), key).toString("base64url")}`;
}

let app: RunningApp;
const lines: any[] = [];
const printed: unknown[][] = [];

beforeAll(async () => {
  plant();
  // Recorded, not hidden: every refusal asserts that nothing was printed (botbuilder's own handler printed a stack
  // for each, and its token check prints for an expired token or a bad signature).
  for (const k of ["error", "warn", "log", "info"] as const) {
    jest.spyOn(console, k).mockImplementation((...args: unknown[]) => void printed.push(args));
  }
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  app = await startTestApp({
    env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "not-a-real-secret", MicrosoftAppType: "MultiTenant", ALLOW_EMBEDDED_STORE: "true" },
    log: pino({ level: "info" }, sink),
  });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await app?.close();
});
beforeEach(() => {
  lines.length = 0;
  printed.length = 0;
});

// botframework-connector prints for an expired token (the error with its stack) and a bad signature ("Error finding
// key for token" with the keys): `dropped` is how many such prints the handler kept off the console.
test.each([
  ["no token", () => ({}), 0],
  ["a token that is not a JWT", () => ({ authorization: "Bearer not-a-token" }), 0],
  ["another scheme", () => ({ authorization: "Basic dXNlcjpwYXNz" }), 0],
  ["an expired token", () => ({ authorization: token({ exp: Math.floor(Date.now() / 1000) - 3600 }) }), 1],
  ["a token signed by someone else", () => ({ authorization: token({}, stranger.privateKey) }), 1],
  ["a token for a key the channel does not have", () => ({ authorization: token({}, stranger.privateKey, "unknown-key") }), 0],
  ["a token for another bot", () => ({ authorization: token({ aud: "00000000-0000-4000-8000-000000000000" }) }), 0],
  ["a token for another serviceUrl", () => ({ authorization: token({ serviceurl: "https://smba.example/" }) }), 0],
])("an activity with %s is refused with 401, in JSON, logged once, printing nothing", async (_name, headers, dropped) => {
  const res = await post(app.url, message(demoMentor, SERVICE_URL, "hej"), headers());
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ error: "unauthorized" });
  expect(lines.filter((l) => l.level >= 30)).toEqual([expect.objectContaining({ event: "activity.unauthorized", consoleDropped: dropped })]);
  expect(printed).toEqual([]);
});

test("a valid token is let through (the planted keys are the ones checked)", async () => {
  const res = await post(app.url, execute(demoMentor, SERVICE_URL, "help", { verb: "help" }), { authorization: token({}) });
  expect(res.status).toBe(200);
  expect(cardText(res.body.value)).toContain("Sådan bruger du Løft");
  expect(printed).toEqual([]);
});

test("when the channel's keys cannot be fetched the answer is 500 with an error id, not a refusal nor a reply fault", async () => {
  const res = await post(app.url, message(demoMentor, SERVICE_URL, "hej"), { authorization: token({}, channel.privateKey, OFFLINE_KID) });
  expect(res.status).toBe(500);
  expect(res.body).toEqual({ error: "internal error", errorId: expect.stringMatching(/^[0-9a-f]{8}$/) });
  const logged = lines.filter((l) => l.level >= 30);
  expect(logged).toEqual([expect.objectContaining({ event: "activity.authFailed", errorId: res.body.errorId })]);
  expect(JSON.stringify(logged)).not.toContain("login.botframework.com");
  expect(printed).toEqual([]);
});

test("production refuses the embedded store unless allowed", async () => {
  const { loadConfig } = await import("../../src/config");
  expect(() => loadConfig({ MicrosoftAppId: "6f1c2d3e-0000-4000-8000-000000000abc" })).toThrow(
    "Invalid configuration: COSMOS_ENDPOINT: required when MicrosoftAppId is set (or set ALLOW_EMBEDDED_STORE=true)",
  );
});
