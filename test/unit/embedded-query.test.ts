// The embedded store's query engine, made linear (src/store/embedded-query.ts), against the library's own compiled
// code as the oracle; and which queries the repositories send for one partition.
import path from "node:path";
import { installFastQueries } from "../../src/store/embedded-query";
import { CONTAINER_DEFS, partitionOfQuery } from "../../src/store/containers";

/* eslint-disable @typescript-eslint/no-require-imports */
const serverDir = path.dirname(require.resolve("@vercel/cosmosdb-server/package.json"));
const engineDir = path.dirname(require.resolve("@zeit/cosmosdb-query/package.json", { paths: [serverDir] }));
const engine = require(engineDir) as { default: (sql: string) => { ast: unknown; code: string; exec(docs: unknown[], o?: object): { result: unknown[]; continuation: unknown } } };
const transform = require(path.join(engineDir, "lib/transformer")).default as (ast: unknown) => unknown;
const generate = require(require.resolve("@babel/generator", { paths: [engineDir] })).default as (ast: unknown) => { code: string };
const execute = require(path.join(engineDir, "lib/executor")).default as (docs: unknown[], o: object) => { result: unknown[]; continuation: unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

installFastQueries(serverDir);

/** Deterministic documents of several partitions, with nested arrays for JOINs and a few missing fields. */
function documents(n: number) {
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => {
    const doc: Record<string, unknown> = {
      id: `d${i}`,
      _rid: `r${String(i).padStart(5, "0")}`,
      corpsId: `korps-${i % 3}`,
      type: next() < 0.5 ? "case" : "member",
      n: Math.floor(next() * 10),
      tags: Array.from({ length: Math.floor(next() * 4) }, () => Math.floor(next() * 5)),
      children: Array.from({ length: Math.floor(next() * 3) }, (_, j) => ({ name: `c${j}`, pets: Array.from({ length: Math.floor(next() * 3) }, (_, k) => ({ k })) })),
    };
    if (next() < 0.2) delete doc.n;
    return doc;
  });
}

const QUERIES: Array<[string, Array<{ name: string; value: unknown }>?]> = [
  ["SELECT * FROM c"],
  ["SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case' ORDER BY c.n", [{ name: "@corpsId", value: "korps-1" }]],
  ["SELECT TOP 7 * FROM c WHERE c.corpsId = @corpsId ORDER BY c.n DESC", [{ name: "@corpsId", value: "korps-2" }]],
  ["SELECT c.id, c.corpsId FROM c WHERE c.type = 'member' AND (c.n = 3 OR c.n = 4)"],
  ["SELECT VALUE COUNT(1) FROM c WHERE ARRAY_CONTAINS(c.tags, 2)"],
  ["SELECT c.id, t FROM c JOIN t IN c.tags WHERE t > 1"],
  ["SELECT VALUE p.k FROM c JOIN ch IN c.children JOIN p IN ch.pets"],
  ["SELECT * FROM c.children[0] ch"],
  ["SELECT VALUE c.n FROM c WHERE c.n >= 5 ORDER BY c.n"],
  ["SELECT c.id FROM c WHERE NOT IS_DEFINED(c.n)"],
];

describe("the embedded store's queries, collected with a push instead of a copy", () => {
  const docs = documents(300);

  test.each(QUERIES)("%s gives what the library's own code gives", (sql, parameters = []) => {
    const ours = engine.default(sql);
    const theirs = generate(transform(ours.ast)).code;
    expect(ours.code).not.toBe(theirs); // rewritten …
    expect(ours.code).not.toMatch(/\[\s*\.\.\.\$\s*,/); // … so that no accumulator is copied
    expect(ours.exec(docs, { parameters })).toEqual(execute(docs, { code: theirs, parameters }));
  });

  test("paging through a query with continuation tokens gives the same pages", () => {
    const sql = "SELECT * FROM c WHERE c.type = 'case' ORDER BY c.n";
    const ours = engine.default(sql);
    const theirs = generate(transform(ours.ast)).code;
    let continuation: unknown = undefined;
    let pages = 0;
    do {
      const a = ours.exec(docs, { maxItemCount: 17, continuation });
      const b = execute(docs, { code: theirs, maxItemCount: 17, continuation });
      expect(a).toEqual(b);
      continuation = a.continuation;
      pages++;
    } while (continuation);
    expect(pages).toBeGreaterThan(3);
  });
});

describe("which queries are sent for one partition", () => {
  const corps = CONTAINER_DEFS.corps.partitionKey;
  const p = { "@corpsId": "korps-1", "@caseId": "x" };

  test.each([
    "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case'",
    "SELECT * FROM c WHERE c.corpsId = @corpsId ORDER BY c.at DESC",
    "SELECT TOP 20 * FROM c WHERE c.corpsId = @corpsId",
    "SELECT * FROM c WHERE c.corpsId = @corpsId AND (c.caseId = @caseId OR ARRAY_CONTAINS(c.message.caseIds, @caseId))",
    "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.note = 'a OR b'",
  ])("%s → the corps' partition", (sql) => {
    expect(partitionOfQuery(sql, p, corps)).toBe("korps-1");
  });

  test.each([
    ["no WHERE on the key", "SELECT * FROM c WHERE c.type = 'corps'", p],
    ["an OR outside parentheses reaches other corps", "SELECT * FROM c WHERE c.corpsId = @corpsId AND c.type = 'case' OR c.type = 'member'", p],
    ["the key compared second", "SELECT * FROM c WHERE c.type = 'case' AND c.corpsId = @corpsId", p],
    ["a parameter not given", "SELECT * FROM c WHERE c.corpsId = @other AND c.type = 'case'", p],
    ["another property that begins like the key", "SELECT * FROM c WHERE c.corpsIdOld = @corpsId", p],
    ["the key compared with more than the parameter", "SELECT * FROM c WHERE c.corpsId = @corpsId || 'x'", p],
  ])("%s → every partition", (_why, sql, params) => {
    expect(partitionOfQuery(sql, params, corps)).toBeUndefined();
  });

  test("the directory's key is the id", () => {
    expect(partitionOfQuery("SELECT * FROM c WHERE c.id = @id", { "@id": "u1" }, CONTAINER_DEFS.directory.partitionKey)).toBe("u1");
    expect(partitionOfQuery("SELECT * FROM c WHERE c.corpsId = @corpsId", p, CONTAINER_DEFS.directory.partitionKey)).toBeUndefined();
  });
});
