// Queries in the embedded store at the cost Azure Cosmos DB's have: linear in the documents of the partition queried.
//
// @vercel/cosmosdb-server hands every query all documents of the container, and its query engine (@zeit/cosmosdb-query)
// compiles `FROM c` (and each JOIN) to `reduce(($, c) => [...$, { c }], [])`, which copies the array once per
// document: a query cost the square of the container's documents. Measured with bench/national.ts at ten corps of ten
// years (≈ 14,000 documents), a corps' dashboard took 8 s and the hourly national refresh timed out.
//
// Two changes, installed once on the library in this process (it is loaded only for local runs and tests):
//  - the compiled code collects with a push instead of a copy (same result, checked against the library's own code in
//    test/unit/embedded-query.test.ts);
//  - a query sent with a partition key (the `x-ms-documentdb-partitionkey` header) reads only that partition's
//    documents, as Azure does, through an index of the container's documents by partition kept up to date on every
//    write. Without one, a query reads the whole container, as before.
import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";

type Doc = Record<string, unknown>;
interface Item {
  read(): Doc | undefined;
}
/** The library's documents collection, as far as used here. */
interface ItemsInternals {
  _data: Map<string, Item>;
  _getPartition(doc: Doc): unknown;
  _item(keyPath: string, value: unknown, partition: unknown): Item;
}
type Method = (this: ItemsInternals, ...args: unknown[]) => unknown;
/** A JavaScript syntax tree node as @babel/generator reads it. */
type Node = { type: string; [key: string]: unknown };

const scope = new AsyncLocalStorage<{ partition: unknown }>();

/** Runs `work` (a query handler) so that the queries it makes read only `partition`. */
export function inPartition<T>(partition: unknown, work: () => T): T {
  return scope.run({ partition }, work);
}

const isNode = (x: unknown): x is Node => typeof x === "object" && x !== null && typeof (x as Node).type === "string";
const id = (name: string): Node => ({ type: "Identifier", name });

/**
 * Rewrites every `[...$, x, ...ys]` — the engine's accumulator `$` copied to add to it — into `($.push(x, ...ys), $)`.
 * The engine names only its reduce accumulators `$` and starts each reduce from a new `[]`, so adding in place gives
 * the same arrays.
 */
export function linearize(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) linearize(child);
    return;
  }
  if (!isNode(node)) return;
  for (const [key, child] of Object.entries(node)) if (key !== "type") linearize(child);
  const elements = node.elements as unknown[] | undefined;
  const first = elements?.[0];
  if (node.type !== "ArrayExpression" || !isNode(first) || first.type !== "SpreadElement" || !isNode(first.argument)) return;
  if (first.argument.type !== "Identifier" || first.argument.name !== "$") return;
  const push: Node = { type: "CallExpression", callee: { type: "MemberExpression", object: id("$"), property: id("push"), computed: false }, arguments: elements!.slice(1) };
  delete node.elements;
  Object.assign(node, { type: "SequenceExpression", expressions: [push, id("$")] });
}

const installed = new Set<string>();

/** Installs both changes on the library found in `serverDir` (the @vercel/cosmosdb-server package); once per process. */
export function installFastQueries(serverDir: string): void {
  if (installed.has(serverDir)) return;
  installed.add(serverDir);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const engineDir = path.dirname(require.resolve("@zeit/cosmosdb-query/package.json", { paths: [serverDir] }));
  const engine = require(engineDir) as { default: (sql: string) => object };
  const transform = (require(path.join(engineDir, "lib/transformer")) as { default: (ast: unknown) => unknown }).default;
  const generate = (require(require.resolve("@babel/generator", { paths: [engineDir] })) as { default: (ast: unknown) => { code: string } }).default;
  const Items = (require(path.join(serverDir, "lib/account/items")) as { default: { prototype: Record<string, Method> } }).default;
  /* eslint-enable @typescript-eslint/no-require-imports */

  // The engine's Query compiles its syntax tree once, on first use of `code`: the same, linearized.
  const Query = Object.getPrototypeOf(engine.default("SELECT * FROM c")) as object;
  Object.defineProperty(Query, "code", {
    configurable: true,
    get(this: { ast: unknown; _code: string | null }) {
      if (!this._code) {
        const js = transform(this.ast);
        linearize(js);
        this._code = generate(js).code;
      }
      return this._code;
    },
  });

  // Each documents collection's documents by partition, built on its first scoped query and kept on every write.
  const byPartition = new WeakMap<ItemsInternals, Map<unknown, Map<string, Item>>>();
  const bucket = (self: ItemsInternals, partition: unknown) => {
    let index = byPartition.get(self);
    if (!index) {
      index = new Map();
      for (const [rid, item] of self._data) {
        const doc = item.read();
        if (doc) add(index, self._getPartition(doc), rid, item);
      }
      byPartition.set(self, index);
    }
    return index.get(partition);
  };
  const add = (index: Map<unknown, Map<string, Item>>, partition: unknown, rid: string, item: Item) => {
    let part = index.get(partition);
    if (!part) index.set(partition, (part = new Map()));
    part.set(rid, item);
  };

  const proto = Items.prototype;
  const { _set: set, delete: remove, query } = proto;
  proto._set = function (data) {
    const result = set.call(this, data);
    const index = byPartition.get(this);
    const doc = data as Doc;
    if (index) add(index, this._getPartition(doc), String(doc._rid), this._data.get(String(doc._rid))!);
    return result;
  };
  proto.delete = function (idOrRid, partition) {
    const doc = this._item("/id", idOrRid, partition).read();
    const result = remove.call(this, idOrRid, partition);
    if (doc) byPartition.get(this)?.get(this._getPartition(doc))?.delete(String(doc._rid));
    return result;
  };
  proto.query = function (...args) {
    const scoped = scope.getStore();
    if (!scoped) return query.apply(this, args);
    const all = this._data;
    this._data = bucket(this, scoped.partition) ?? new Map();
    try {
      return query.apply(this, args); // synchronous: nothing else sees the narrowed map
    } finally {
      this._data = all;
    }
  };
}
