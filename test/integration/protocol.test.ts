// /api/messages as the open Internet reaches it: malformed, hostile and odd activities get a short JSON answer and
// one log line — never a stack, the error's text or the input echoed — and nothing reaches a verb it should not.
import pino from "pino";
import { Writable } from "node:stream";
import { startTestApp } from "../helpers/app";
import { cardText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoMentor, execute, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";

let app: RunningApp;
let connector: FakeConnector;
const lines: any[] = [];
const printed: unknown[][] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  connector = await startFakeConnector();
  app = await startTestApp({ log: pino({ level: "info" }, sink) });
  for (const k of ["error", "warn", "log", "info"] as const) {
    jest.spyOn(console, k).mockImplementation((...args: unknown[]) => void printed.push(args)); // recorded, then asserted empty
  }
});
afterAll(async () => {
  jest.restoreAllMocks();
  await Promise.all([app?.close(), connector?.close()]);
});
beforeEach(() => {
  lines.length = 0;
  printed.length = 0;
});

async function raw(body: string, contentType = "application/json") {
  const res = await fetch(`${app.url}/api/messages`, { method: "POST", headers: { "content-type": contentType }, body });
  return { status: res.status, text: await res.text() };
}

// The bad bodies are refused before any reply is sent, so their serviceUrl is never called.
const good = (serviceUrl = "http://127.0.0.1:9/") => message(demoMentor, serviceUrl, "hej") as any;
const without = (key: string) => {
  const a = good();
  delete a[key];
  return a;
};
const LEAKS = /Cannot read|TypeError|\bat [\w.<>]+ \(|node_modules|ENOTFOUND|ECONNREFUSED|stack/;

describe.each([
  ["an empty body", ""],
  ["{}", "{}"],
  ["a JSON array", "[]"],
  ["no conversation", JSON.stringify(without("conversation"))],
  ["no serviceUrl", JSON.stringify(without("serviceUrl"))],
  ["no from", JSON.stringify(without("from"))],
  ["no type", JSON.stringify(without("type"))],
  ["a numeric conversation id", JSON.stringify({ ...good(), conversation: { id: 42, conversationType: "personal" } })],
  ["a numeric from.id", JSON.stringify({ ...good(), from: { id: 7, aadObjectId: demoMentor.aadObjectId } })],
  ["text as a number", JSON.stringify({ ...good(), text: 12345 })],
  ["text as an object", JSON.stringify({ ...good(), text: { toString: "x" } })],
  ["serviceUrl that is not a URL", JSON.stringify({ ...good(), serviceUrl: "not a url" })],
  ["serviceUrl with another scheme", JSON.stringify({ ...good(), serviceUrl: "file:///etc/passwd" })],
  ["channelData as a string", JSON.stringify({ ...good(), channelData: "tenant" })],
])("%s", (_name, body) => {
  test("is answered 400 with the wrong paths only, one log line, nothing printed", async () => {
    const res = await raw(body);
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(600);
    expect(res.text).not.toMatch(LEAKS);
    expect(res.text).not.toContain("passwd");
    expect(res.text).not.toContain("12345");
    const json = JSON.parse(res.text);
    expect(json.error).toMatch(/invalid (activity|JSON)/);
    expect(lines.filter((l) => l.level >= 30)).toHaveLength(1);
    expect(printed).toEqual([]);
    expect(connector.calls).toHaveLength(0);
  });
});

test("malformed JSON and a body over the limit are refused with a short JSON answer", async () => {
  const broken = await raw('{"type": "message", ');
  expect(broken.status).toBe(400);
  expect(JSON.parse(broken.text)).toEqual({ error: "invalid JSON" });
  const huge = await raw(JSON.stringify({ ...good(), text: "x".repeat(300_000) }));
  expect(huge.status).toBe(413);
  expect(huge.text).not.toMatch(LEAKS);
  expect(printed).toEqual([]);
});

test("a reply that cannot reach the serviceUrl is answered 502, logged once, with nothing printed", async () => {
  const res = await post(app.url, message(demoMentor, "http://127.0.0.1:1/", "hej"));
  expect(res.status).toBe(502);
  expect(res.body).toEqual({ error: "reply not delivered" });
  expect(lines.filter((l) => l.event === "reply.undeliverable")).toHaveLength(1);
  expect(lines.filter((l) => l.level >= 50)).toHaveLength(0);
  expect(printed).toEqual([]);
}, 60_000); // the connector client retries before it gives up

test.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])("the verb %p is an unknown verb: the menu answers", async (verb) => {
  const res = await post(app.url, execute(demoMentor, connector.serviceUrl, verb, { verb }));
  expect(res.status).toBe(200);
  expect(cardText(res.body.value)).toContain("Hvad vil du gøre?");
  expect(lines.filter((l) => l.level >= 50)).toHaveLength(0);
});

test("a channel activity without a conversationType is not treated as a personal chat", async () => {
  const a = good(connector.serviceUrl);
  a.conversation = { id: "19:demo-korps@thread.tacv2;messageid=2", tenantId: a.conversation.tenantId };
  a.channelData = { ...a.channelData, team: { id: "19:demo-korps@thread.tacv2" }, channel: { id: "19:demo-korps@thread.tacv2" } };
  const res = await post(app.url, a);
  expect(res.status).toBe(200);
  const [reply] = await connector.waitFor(1);
  expect(reply.body.text).toContain("personlige chat");
  expect(JSON.stringify(reply.body)).not.toMatch(/ME-|PC-/); // no case code in a shared conversation
});
