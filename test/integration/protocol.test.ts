// /api/messages as the open Internet reaches it: malformed, hostile and odd activities get a short JSON answer and
// one log line — never a stack, the error's text or the input echoed — and nothing reaches a verb it should not.
import pino from "pino";
import net from "node:net";
import { Writable } from "node:stream";
import { startTestApp } from "../helpers/app";
import { cardText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoMentor, execute, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";

let app: RunningApp;
let connector: FakeConnector;
/** A serviceUrl that accepts connections and never answers. */
let silent: net.Server;
let silentUrl: string;
const lines: any[] = [];
const printed: unknown[][] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  silent = net.createServer((socket) => socket.on("data", () => undefined));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/`;
  connector = await startFakeConnector();
  app = await startTestApp({ log: pino({ level: "info" }, sink) });
  for (const k of ["error", "warn", "log", "info"] as const) {
    // Recorded, not hidden from anyone: every test asserts that nothing was printed.
    jest.spyOn(console, k).mockImplementation((...args: unknown[]) => void printed.push(args));
  }
});
afterAll(async () => {
  jest.restoreAllMocks();
  await Promise.all([app?.close(), connector?.close(), new Promise((resolve) => silent?.close(resolve))]);
});
beforeEach(() => {
  lines.length = 0;
  printed.length = 0;
  connector.clear();
});

async function raw(body: string, contentType = "application/json") {
  const res = await fetch(`${app.url}/api/messages`, { method: "POST", headers: { "content-type": contentType }, body });
  return { status: res.status, text: await res.text() };
}

/** What the app logged at info or above since the test began. */
const logged = () => lines.filter((l) => l.level >= 30);

// The bad bodies are refused before any reply is sent, so their serviceUrl is never called.
const good = (serviceUrl = "http://127.0.0.1:9/") => message(demoMentor, serviceUrl, "hej") as any;
const without = (key: string) => {
  const a = good();
  delete a[key];
  return a;
};
const LEAKS = /Cannot read|TypeError|\bat [\w.<>]+ \(|node_modules|ENOTFOUND|ECONNREFUSED|stack|[\\/]work[\\/]/;
/** Values planted in the bad bodies: none may come back, nor reach the log. */
const PLANTED = ["12345", "passwd", "SECRET-VALUE", "98765"];

describe.each([
  ["an empty body", ""],
  ["{}", "{}"],
  ["a JSON array", "[]"],
  ["null", "null"],
  ["a JSON string", '"SECRET-VALUE"'],
  ["an activity hidden under __proto__", `{"__proto__": ${JSON.stringify(good())}}`],
  ["no conversation", JSON.stringify(without("conversation"))],
  ["no serviceUrl", JSON.stringify(without("serviceUrl"))],
  ["no from", JSON.stringify(without("from"))],
  ["no recipient", JSON.stringify(without("recipient"))],
  ["no type", JSON.stringify(without("type"))],
  ["a numeric conversation id", JSON.stringify({ ...good(), conversation: { id: 12345, conversationType: "personal" } })],
  ["a numeric from.id", JSON.stringify({ ...good(), from: { id: 98765, aadObjectId: demoMentor.aadObjectId } })],
  ["text as a number", JSON.stringify({ ...good(), text: 12345 })],
  ["text as an object", JSON.stringify({ ...good(), text: { toString: "SECRET-VALUE" } })],
  ["serviceUrl that is not a URL", JSON.stringify({ ...good(), serviceUrl: "not a url SECRET-VALUE" })],
  ["serviceUrl with another scheme", JSON.stringify({ ...good(), serviceUrl: "file:///etc/passwd" })],
  ["channelData as a string", JSON.stringify({ ...good(), channelData: "SECRET-VALUE" })],
  ["a numeric tenant id", JSON.stringify({ ...good(), channelData: { tenant: { id: 12345 } } })],
  ["membersAdded without ids", JSON.stringify({ ...good(), type: "conversationUpdate", membersAdded: [{ name: "SECRET-VALUE" }] })],
])("%s", (_name, body) => {
  test("is answered 400 with the wrong paths only, one log line, nothing printed", async () => {
    const res = await raw(body);
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(600);
    expect(res.text).not.toMatch(LEAKS);
    for (const value of PLANTED) expect(res.text).not.toContain(value);
    const json = JSON.parse(res.text);
    expect(Object.keys(json).sort()).toEqual(json.issues ? ["error", "issues"] : ["error"]);
    expect(json.error).toMatch(/^invalid (activity|JSON)$/);
    for (const issue of json.issues ?? []) expect(issue).toMatch(/^[\w.()]+: [^\n]{1,80}$/);
    expect(logged()).toHaveLength(1);
    expect(logged()[0].event).toMatch(/^(activity\.invalid|http\.badRequest)$/);
    for (const value of PLANTED) expect(JSON.stringify(lines)).not.toContain(value);
    expect(printed).toEqual([]);
    expect(connector.calls).toHaveLength(0);
  });
});

test("an activity sent as text/plain is not parsed: 400, one log line", async () => {
  const res = await raw(JSON.stringify(good(connector.serviceUrl)), "text/plain");
  expect(res.status).toBe(400);
  expect(JSON.parse(res.text).error).toBe("invalid activity");
  expect(logged()).toHaveLength(1);
  expect(printed).toEqual([]);
  expect(connector.calls).toHaveLength(0);
});

test("malformed JSON is refused with a short JSON answer", async () => {
  const broken = await raw('{"type": "message", "text": "SECRET-VALUE", ');
  expect(broken.status).toBe(400);
  expect(JSON.parse(broken.text)).toEqual({ error: "invalid JSON" });
  expect(logged()).toHaveLength(1);
  expect(JSON.stringify(lines)).not.toContain("SECRET-VALUE");
  expect(printed).toEqual([]);
});

test("a body over the limit is answered 413 in JSON, logged once", async () => {
  const huge = await raw(JSON.stringify({ ...good(connector.serviceUrl), text: "SECRET-VALUE".repeat(30_000) }));
  expect(huge.status).toBe(413);
  expect(JSON.parse(huge.text)).toEqual({ error: "body too large" });
  expect(logged()).toHaveLength(1);
  expect(logged()[0]).toMatchObject({ event: "http.badRequest", status: 413 });
  expect(JSON.stringify(lines)).not.toContain("SECRET-VALUE");
  expect(printed).toEqual([]);
  expect(connector.calls).toHaveLength(0);
});

// The turn itself runs (and logs its own line); the failed reply is answered 502 and logged once, at warn. The
// connector client retries a refused or unresolvable host, so the reply's deadline may end those too (ETIMEDOUT).
describe.each([
  ["nothing listens there", () => "http://127.0.0.1:1/"],
  ["the host does not exist", () => "http://loft-nowhere.invalid/"],
  ["it accepts the connection and never answers", () => silentUrl],
])("a reply that cannot reach the serviceUrl: %s", (_name, serviceUrl) => {
  test("is answered 502, logged once, with nothing printed", async () => {
    const res = await post(app.url, message(demoMentor, serviceUrl(), "hej"));
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: "reply not delivered" });
    const faults = lines.filter((l) => l.level >= 40);
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ event: "reply.undeliverable", code: expect.stringMatching(/^E[A-Z_]+$/) });
    expect(printed).toEqual([]);
  });
});

test("a reply the connector refuses (the bot was blocked) is answered 502, logged once with the status", async () => {
  const activity = message(demoMentor, connector.serviceUrl, "hej");
  connector.refuse(activity.conversation.id, 403);
  try {
    const res = await post(app.url, activity);
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: "reply not delivered" });
    const faults = lines.filter((l) => l.level >= 40);
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ event: "reply.undeliverable", status: 403 });
    expect(connector.calls).toHaveLength(1); // a 403 is not tried again
    expect(printed).toEqual([]);
  } finally {
    connector.allow(activity.conversation.id);
  }
});

test.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])(
  "the verb %p is an unknown verb: the menu answers, and the log names the menu",
  async (verb) => {
    const res = await post(app.url, execute(demoMentor, connector.serviceUrl, verb, { verb }));
    expect(res.status).toBe(200);
    expect(cardText(res.body.value)).toContain("Hvad vil du gøre?");
    expect(lines.filter((l) => l.level >= 40)).toHaveLength(0);
    expect(lines.find((l) => l.event === "turn.done")).toMatchObject({ verb: "menu" });
    expect(printed).toEqual([]);
  },
);

const PERSONAL_ONLY = "personlige chat";
const teamsChannel = { team: { id: "19:demo-korps@thread.tacv2" }, channel: { id: "19:demo-korps@thread.tacv2" } };

/** The demo mentor's "mine forløb" (cases would be listed in a personal chat), moved into another conversation. */
function elsewhere(conversation: Record<string, unknown>, asInvoke: boolean) {
  const a: any = asInvoke
    ? execute(demoMentor, connector.serviceUrl, "cases.list", { verb: "cases.list" })
    : message(demoMentor, connector.serviceUrl, "mine forløb");
  a.conversation = { ...conversation, tenantId: a.conversation.tenantId };
  a.channelData = { ...a.channelData, ...teamsChannel };
  return a;
}

describe.each([
  ["a team channel", { id: "19:demo-korps@thread.tacv2;messageid=1", conversationType: "channel" }],
  ["a group chat", { id: "19:meeting-group@thread.v2", conversationType: "groupChat" }],
  ["a channel that does not say its conversationType", { id: "19:demo-korps@thread.tacv2;messageid=2" }],
  ["a conversationType that is not Teams'", { id: "19:demo-korps@thread.tacv2;messageid=3", conversationType: "Personal " }],
])("in %s nothing about cases is shown", (_name, conversation) => {
  test("a typed message is answered with the pointer to the personal chat", async () => {
    const res = await post(app.url, elsewhere(conversation, false));
    expect(res.status).toBe(200);
    const [reply] = await connector.waitFor(1);
    expect(reply.body.text).toContain(PERSONAL_ONLY);
    expect(reply.body.attachments ?? []).toHaveLength(0);
    expect(JSON.stringify(reply.body)).not.toMatch(/ME-|PC-/); // no case code in a shared conversation
    expect(lines.find((l) => l.event === "turn.notPersonal")?.conversationType).toMatch(/^(channel|groupChat|none|other)$/);
  });

  test("a card action is answered, in the invoke response, with the pointer to the personal chat", async () => {
    const res = await post(app.url, elsewhere(conversation, true));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe("application/vnd.microsoft.activity.message");
    expect(res.body.value).toContain(PERSONAL_ONLY);
    expect(connector.calls).toHaveLength(0);
  });
});

test('a conversationType "personal" inherited through __proto__ does not make a conversation personal', async () => {
  const a = elsewhere({ id: "19:demo-korps@thread.tacv2;messageid=4" }, true);
  const body = JSON.stringify(a).replace('"conversation":{', '"conversation":{"__proto__":{"conversationType":"personal"},');
  const res = await raw(body);
  expect(res.status).toBe(200);
  expect(JSON.parse(res.text).value).toContain(PERSONAL_ONLY);
});
