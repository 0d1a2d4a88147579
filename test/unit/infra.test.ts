// The deployment's files (infra/, m365agents.yml, env/.env.dev) held against the code. No Bicep compiler runs here:
// infra/azure.bicep is read as text by the small reader below, which understands the literal part of Bicep (objects
// and arrays one entry a line, strings, numbers, booleans) and keeps anything else as an expression's text.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { CONTAINER_DEFS } from "../../src/store/containers";
import { loadConfig } from "../../src/config";
import { SCOPE } from "../../src/auth/tokens";
import { renderManifest } from "../../manifest/manifest";

const root = path.resolve(__dirname, "..", "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

// ── A reader for the literal part of Bicep ─────────────────────────────────────────────────────────────

class Expr {
  constructor(readonly text: string) {}
}
type Value = string | number | boolean | null | Expr | Value[] | { [key: string]: Value };
type Obj = { [key: string]: Value };

function parseValueAt(src: string, start: number): { value: Value; end: number } {
  let i = start;
  const skip = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      if (src.startsWith("//", i)) while (i < src.length && src[i] !== "\n") i++;
      else return;
    }
  };
  const restOfLine = (from: number) => {
    const nl = src.indexOf("\n", from);
    return src.slice(from, nl < 0 ? src.length : nl).replace(/\/\/.*$/, "").trim();
  };
  const expression = (): Expr => {
    // To the end of the line, or further while a bracket is open.
    const from = i;
    let depth = 0;
    let quoted = false;
    for (; i < src.length; i++) {
      const ch = src[i];
      if (quoted) {
        if (ch === "\\") i++;
        else if (ch === "'") quoted = false;
      } else if (ch === "'") quoted = true;
      else if ("([{".includes(ch)) depth++;
      else if (")]}".includes(ch)) {
        if (depth === 0) break;
        depth--;
      } else if (ch === "\n" && depth === 0) break;
      else if (src.startsWith("//", i) && depth === 0) break;
    }
    return new Expr(src.slice(from, i).trim());
  };
  const string = (): string => {
    let out = "";
    i++; // the opening quote
    while (src[i] !== "'") {
      if (src[i] === "\\") {
        const next = src[i + 1];
        out += next === "n" ? "\n" : next === "t" ? "\t" : next;
        i += 2;
      } else if (src.startsWith("${", i)) {
        const close = src.indexOf("}", i);
        out += src.slice(i, close + 1);
        i = close + 1;
      } else out += src[i++];
      if (i >= src.length) throw new Error("unterminated string");
    }
    i++;
    return out;
  };
  const value = (): Value => {
    skip();
    const ch = src[i];
    if (ch === "{") {
      i++;
      const obj: Obj = {};
      for (;;) {
        skip();
        if (src[i] === "}") {
          i++;
          return obj;
        }
        const key = src[i] === "'" ? string() : /^[A-Za-z_]\w*/.exec(src.slice(i))![0];
        if (src[i - 1] !== "'") i += key.length;
        skip();
        if (src[i] !== ":") throw new Error(`expected ':' after ${key} at ${src.slice(i, i + 40)}`);
        i++;
        obj[key] = value();
      }
    }
    if (ch === "[" && !/^\[for\b/.test(src.slice(i))) {
      i++;
      const arr: Value[] = [];
      for (;;) {
        skip();
        if (src[i] === "]") {
          i++;
          return arr;
        }
        arr.push(value());
      }
    }
    if (ch === "'") {
      const from = i;
      const s = string();
      if (restOfLine(i) === "" || /^[}\]]/.test(restOfLine(i))) return s;
      i = from; // a string that is the start of a longer expression
      return expression();
    }
    const literal = /^(-?\d+|true|false|null)(?=\s*(\/\/.*)?(\n|$))/.exec(src.slice(i));
    if (literal) {
      i += literal[1].length;
      return literal[1] === "null" ? null : literal[1] === "true" ? true : literal[1] === "false" ? false : Number(literal[1]);
    }
    return expression();
  };
  const v = value();
  return { value: v, end: i };
}

const bicepText = read("infra/azure.bicep");

/** The value a `var`, `resource` or `output` is declared with; a resource loop's body for `[for x in xs: {…}]`. */
function declared(kind: "var" | "resource" | "output", name: string, src = bicepText): Value {
  const m = new RegExp(`^${kind} ${name}\\b[^=\\n]*=\\s*`, "m").exec(src);
  if (!m) throw new Error(`no ${kind} ${name} in the Bicep`);
  let at = m.index + m[0].length;
  const loop = /^\[for\s+\w+\s+in\s+\w+\s*:\s*/.exec(src.slice(at));
  if (loop) at += loop[0].length;
  return parseValueAt(src, at).value;
}
const resourceType = (name: string) => new RegExp(`^resource ${name} '([^@']+)@`, "m").exec(bicepText)?.[1];

interface Param {
  type: string;
  default?: Value;
  allowed?: string[];
  min?: number;
  max?: number;
}
function params(src = bicepText): Record<string, Param> {
  const out: Record<string, Param> = {};
  // A parameter's decorators are the lines right above it, back to the previous blank line.
  for (const block of src.split(/\n\s*\n/)) {
    const m = /^param (\w+) (\w+)(?: = ([^\n]+))?$/m.exec(block);
    if (!m) continue;
    const allowed = /@allowed\(\[([\s\S]*?)\]\)/.exec(block);
    const min = /@minValue\((-?\d+)\)/.exec(block);
    const max = /@maxValue\((-?\d+)\)/.exec(block);
    out[m[1]] = {
      type: m[2],
      ...(m[3] !== undefined ? { default: parseValueAt(m[3], 0).value } : {}),
      ...(allowed ? { allowed: [...allowed[1].matchAll(/'([^']*)'/g)].map((a) => a[1]) } : {}),
      ...(min ? { min: Number(min[1]) } : {}),
      ...(max ? { max: Number(max[1]) } : {}),
    };
  }
  return out;
}

const obj = (v: Value | undefined): Obj => {
  if (v === null || v === undefined || typeof v !== "object" || Array.isArray(v) || v instanceof Expr) throw new Error(`not an object: ${JSON.stringify(v)}`);
  return v;
};
const arr = (v: Value | undefined): Value[] => {
  if (!Array.isArray(v)) throw new Error(`not an array: ${JSON.stringify(v)}`);
  return v;
};
const exprText = (v: Value | undefined) => (v instanceof Expr ? v.text : `not an expression: ${JSON.stringify(v)}`);

// ── The code's queries (src/store) ──────────────────────────────────────────────────────────────────

interface Query {
  container: string;
  sql: string;
}
function storeQueries(): Query[] {
  const dir = path.join(root, "src", "store");
  const names = Object.keys(CONTAINER_DEFS).join("|");
  const out: Query[] = [];
  // The embedded server's files (local mode) hold its query engine's SQL, not queries the app sends.
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.startsWith("embedded"))) {
    const text = readFileSync(path.join(dir, f), "utf8");
    // Each SQL literal, and the container it is sent to: the last `c.<container>` written between it and the one before
    // (query(ctx, c.corps, "SELECT …"), c.jobs.items.query({ query: `SELECT …` }), whatever the helper's signature).
    let from = 0;
    for (const m of text.matchAll(/(["`])(SELECT\b[\s\S]*?)\1/g)) {
      const before = [...text.slice(from, m.index).matchAll(new RegExp(`\\bc\\.(${names})\\b`, "g"))];
      from = m.index! + m[0].length;
      out.push({ container: before.length ? before[before.length - 1][1] : "(none)", sql: m[2] });
    }
  }
  return out;
}

/** ORDER BY's properties and directions: "c.a, c.b DESC" → [["/a", "ascending"], ["/b", "descending"]]. */
function orderBy(sql: string): Array<[string, string]> {
  const m = /ORDER BY\s+(.+)$/i.exec(sql.trim());
  if (!m) return [];
  return m[1].split(",").map((part) => {
    const [prop, dir] = part.trim().split(/\s+/);
    return [`/${prop.replace(/^c\./, "").replace(/\./g, "/")}`, /^desc$/i.test(dir ?? "") ? "descending" : "ascending"];
  });
}

// ── The Bicep's containers, app settings and resources ────────────────────────────────────────────────

const bicepContainers = arr(declared("var", "cosmosContainers")).map((c) => {
  const o = obj(c);
  return {
    id: o.id as string,
    partitionKey: o.partitionKey as string,
    ttl: o.ttl as boolean,
    compositeIndexes: arr(o.compositeIndexes).map((ix) => arr(ix).map((p) => [obj(p).path as string, obj(p).order as string] as [string, string])),
  };
});

const PLATFORM_SETTINGS = ["AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING", "ApplicationInsightsAgent_EXTENSION_VERSION"];
const isPlatformSetting = (name: string) => PLATFORM_SETTINGS.includes(name) || /^(WEBSITE|SCM)_/.test(name);

function appSettings(): Obj {
  const base = obj(declared("var", "appSettings"));
  // var appInsightsAgentSettings = enableApplicationInsightsAgent ? { NAME: 'value' } : {}
  const agent = exprText(declared("var", "appInsightsAgentSettings"));
  const agentObj = /\?\s*(\{[\s\S]*?\})\s*:/.exec(agent);
  return { ...base, ...(agentObj ? obj(parseValueAt(agentObj[1], 0).value) : {}) };
}

/** A plausible deployed value for each setting: its literal, its parameter's default, a string variable, or these samples. */
const SAMPLES: Record<string, string> = {
  "cosmos.properties.documentEndpoint": "https://cosmos-loft-abc123.documents.azure.com:443/",
  "identity.properties.clientId": "3f2b8a51-0c1d-4e5f-8a9b-0c1d2e3f4a5b",
  "identity.properties.tenantId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
  "webApp.properties.defaultHostName": "loft-abc123.azurewebsites.net",
  "cosmos.id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-loft/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-loft-abc123",
  "insights.properties.ConnectionString": "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/",
  aadAppClientId: "6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a",
};
function sampleOf(v: Value, where: string): string {
  const ps = params();
  const one = (text: string): string => {
    if (ps[text]?.default !== undefined) return String(ps[text].default);
    if (SAMPLES[text] !== undefined) return SAMPLES[text];
    const literal = /^\w+$/.test(text) && new RegExp(`^var ${text} = '`, "m").test(bicepText) ? declared("var", text) : undefined;
    if (typeof literal === "string") return literal;
    throw new Error(`no sample value for ${text} (${where}): add one to SAMPLES`);
  };
  if (v instanceof Expr) return one(v.text);
  if (typeof v === "string") return v.replace(/\$\{([^}]+)\}/g, (_, e: string) => one(e.trim()));
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new Error(`app setting ${where} is not a string`);
}

// ── Tests ─────────────────────────────────────────────────────────────────────────────────────────

describe("infra/azure.bicep: Cosmos DB as the code uses it", () => {
  test("every container of src/store/containers.ts, with its partition key, and no other", () => {
    const expected = Object.values(CONTAINER_DEFS).map((d) => [d.id, d.partitionKey]).sort();
    expect(bicepContainers.map((c) => [c.id, c.partitionKey]).sort()).toEqual(expected);
    // The loop creates them with those ids and paths, hashed, in the database the app opens by default.
    const body = obj(obj(obj(declared("resource", "containers")).properties).resource);
    expect(exprText(body.id)).toBe("c.id");
    expect(obj(body.partitionKey)).toMatchObject({ kind: "Hash" });
    expect(arr(obj(body.partitionKey).paths).map(exprText)).toEqual(["c.partitionKey"]);
    expect(exprText(obj(body.indexingPolicy).compositeIndexes)).toBe("c.compositeIndexes");
    expect(resourceType("containers")).toBe("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
    expect(params().databaseName.default).toBe(loadConfig({}).COSMOS_DATABASE);
    expect(exprText(obj(obj(obj(declared("resource", "database")).properties).resource).id)).toBe("databaseName");
  });

  test("TTL is on, per item (defaultTtl -1), exactly on the containers where the app may set ttl: corps, entries, access", () => {
    expect(bicepContainers.filter((c) => c.ttl).map((c) => c.id).sort()).toEqual(["access", "corps", "entries"]);
    const body = obj(obj(obj(declared("resource", "containers")).properties).resource);
    expect(exprText(body.defaultTtl)).toBe("c.ttl ? -1 : null");
  });

  test("the queries in src/store are found (the extractor works), and name only containers that exist", () => {
    const qs = storeQueries();
    expect(qs.length).toBeGreaterThanOrEqual(15);
    expect(qs.filter((q) => orderBy(q.sql).length > 0).length).toBeGreaterThanOrEqual(5);
    for (const q of qs) expect(Object.keys(CONTAINER_DEFS)).toContain(q.container);
  });

  /** A composite index in the same order, all directions the same or all flipped (Microsoft's rule). */
  const servedOrderBy = (q: Query) => {
    const order = orderBy(q.sql);
    const flip = (o: string) => (o === "ascending" ? "descending" : "ascending");
    const indexes = bicepContainers.find((c) => c.id === q.container)!.compositeIndexes.map((ix) => JSON.stringify(ix));
    return [JSON.stringify(order), JSON.stringify(order.map(([p, o]) => [p, flip(o)]))].some((w) => indexes.includes(w));
  };

  test("every ORDER BY on two or more properties has its composite index (Cosmos DB refuses the query without one)", () => {
    for (const q of storeQueries().filter((q) => orderBy(q.sql).length >= 2)) {
      expect({ query: q.sql, served: servedOrderBy(q) }).toEqual({ query: q.sql, served: true });
    }
    // The rule can tell: the rewrite the access log's index is for is served, the properties the other way round are not.
    const sql = (order: string) => `SELECT TOP 50 * FROM c WHERE c.corpsId = @corpsId ORDER BY ${order}`;
    expect(servedOrderBy({ container: "access", sql: sql("c.corpsId, c.at DESC") })).toBe(true);
    expect(servedOrderBy({ container: "access", sql: sql("c.corpsId DESC, c.at") })).toBe(true);
    expect(servedOrderBy({ container: "access", sql: sql("c.corpsId, c.at") })).toBe(false);
    expect(servedOrderBy({ container: "access", sql: sql("c.at DESC, c.corpsId") })).toBe(false);
  });

  test("every composite index names properties that one query on its container uses", () => {
    const qs = storeQueries();
    for (const c of bicepContainers) {
      for (const ix of c.compositeIndexes) {
        const props = ix.map(([p]) => p.slice(1).split("/")[0]);
        const serving = qs.filter((q) => q.container === c.id).filter((q) => props.every((p) => new RegExp(`\\bc\\.${p}\\b`).test(q.sql)));
        expect({ container: c.id, index: props, served: serving.length > 0 }).toEqual({ container: c.id, index: props, served: true });
      }
    }
  });

  test("Entra ID only: local auth off, no key read anywhere, the identity has the built-in Data Contributor role", () => {
    const cosmos = obj(obj(declared("resource", "cosmos")).properties);
    expect(cosmos.disableLocalAuth).toBe(true);
    expect(bicepText).not.toMatch(/\blist(Keys|ConnectionStrings|Credentials)\s*\(/);
    const assignment = obj(obj(declared("resource", "cosmosDataAccess")).properties);
    expect(resourceType("cosmosDataAccess")).toBe("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments");
    expect(sampleOf(assignment.roleDefinitionId, "roleDefinitionId")).toMatch(/\/sqlRoleDefinitions\/00000000-0000-0000-0000-000000000002$/);
    expect(exprText(assignment.principalId)).toBe("identity.properties.principalId");
  });

  test("serverless by default, continuous backup (7 or 30 days), in an EU region", () => {
    const ps = params();
    expect(ps.cosmosServerless.default).toBe(true);
    expect(exprText(obj(declared("resource", "cosmos")).properties && obj(obj(declared("resource", "cosmos")).properties).capabilities)).toBe(
      "cosmosServerless ? serverlessCapability : []",
    );
    expect(arr(declared("var", "serverlessCapability"))).toEqual([{ name: "EnableServerless" }]);
    const backup = obj(obj(obj(declared("resource", "cosmos")).properties).backupPolicy);
    expect(backup.type).toBe("Continuous");
    expect(exprText(obj(backup.continuousModeProperties).tier)).toBe("cosmosBackupTier");
    expect(ps.cosmosBackupTier.allowed).toEqual(["Continuous7Days", "Continuous30Days"]);
    const eu = ["swedencentral", "northeurope", "westeurope", "germanywestcentral", "francecentral", "italynorth", "polandcentral", "spaincentral", "austriaeast"];
    expect(ps.location.allowed!.length).toBeGreaterThan(0);
    for (const region of ps.location.allowed!) expect(eu).toContain(region);
    expect(ps.location.allowed).toContain(ps.location.default);
    expect(ps.botServiceLocation.allowed).toEqual(["global", "westeurope"]);
  });
});

describe("infra/azure.bicep: App Service runs the app as src/ expects", () => {
  const site = () => obj(declared("resource", "webApp"));
  const siteConfig = () => obj(obj(site().properties).siteConfig);

  test("Linux, Node 22 LTS (within package.json's engines), always on, HTTPS only, TLS 1.2", () => {
    expect(resourceType("webApp")).toBe("Microsoft.Web/sites");
    expect(site().kind).toBe("app,linux");
    expect(obj(site().properties).httpsOnly).toBe(true);
    expect(siteConfig()).toMatchObject({ linuxFxVersion: "NODE|22-lts", alwaysOn: true, minTlsVersion: "1.2", ftpsState: "Disabled" });
    const engines = JSON.parse(read("package.json")).engines.node as string;
    expect(Number(/^>=(\d+)/.exec(engines)![1])).toBeLessThanOrEqual(22);
    const plan = obj(declared("resource", "plan"));
    expect(plan.kind).toBe("linux");
    expect(obj(plan.properties).reserved).toBe(true);
  });

  test("the health check path is the app's /healthz", () => {
    expect(siteConfig().healthCheckPath).toBe("/healthz");
    expect(read("src/server.ts")).toContain('app.get("/healthz"');
  });

  test("an instance count parameter that allows 2, used by the plan", () => {
    const p = params().instanceCount;
    expect(p.type).toBe("int");
    expect(p.default).toBe(2);
    expect(p.min!).toBeLessThanOrEqual(2);
    expect(p.max!).toBeGreaterThanOrEqual(2);
    expect(exprText(obj(obj(declared("resource", "plan")).sku).capacity)).toBe("instanceCount");
  });

  test("the startup command runs src/main.ts with tsx, a runtime dependency (the package has no dev dependencies)", () => {
    expect(siteConfig().appCommandLine).toBe("node --import tsx src/main.ts");
    expect(existsSync(path.join(root, "src", "main.ts"))).toBe(true);
    const pkg = JSON.parse(read("package.json"));
    expect(Object.keys(pkg.dependencies)).toContain("tsx");
    // The tab the server serves from .build/tab is built at deploy time, with a runtime dependency too.
    expect(pkg.scripts["build:tab"]).toBeDefined();
    expect(Object.keys(pkg.dependencies)).toContain("esbuild");
    expect(read("src/app.ts")).toContain('path.resolve(__dirname, "..", ".build", "tab")');
  });

  test("the site runs as the user-assigned identity, and its settings come only from the appsettings resource", () => {
    expect(obj(site().identity).type).toBe("UserAssigned");
    expect(Object.keys(obj(obj(site().identity).userAssignedIdentities))).toEqual(["${identity.id}"]);
    expect(siteConfig().appSettings).toBeUndefined();
    const res = obj(declared("resource", "webAppSettings"));
    expect(res.name).toBe("appsettings");
    expect(exprText(res.properties)).toBe("union(appSettings, nationalSettings, appInsightsAgentSettings)");
  });

  test("the national centre's people, when named, reach the app as NATIONAL_CENTRE in the form src/config.ts reads", () => {
    expect(bicepText).toMatch(/var nationalSettings = empty\(nationalCentre\) \? \{\} : \{\s+NATIONAL_CENTRE: nationalCentre\s+\}/);
    const sample = "0000000a-0000-0000-0000-000000000000/0000000a-0000-0000-0000-0000000000C1, 0000000a-0000-0000-0000-000000000000/0000000a-0000-0000-0000-0000000000c2";
    expect(loadConfig({ NATIONAL_CENTRE: sample, MicrosoftAppId: "0000000a-0000-0000-0000-0000000000ff", COSMOS_ENDPOINT: "https://x.documents.azure.com" }).nationalCentre).toEqual([
      "0000000a-0000-0000-0000-000000000000/0000000a-0000-0000-0000-0000000000c1",
      "0000000a-0000-0000-0000-000000000000/0000000a-0000-0000-0000-0000000000c2",
    ]);
    expect(() => loadConfig({ NATIONAL_CENTRE: "someone@kommune.dk" })).toThrow(/NATIONAL_CENTRE/);
  });
});

describe("infra/azure.bicep: app settings match src/config.ts", () => {
  const settings = appSettings();
  const env = Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, sampleOf(v, k)]));

  test("every setting is a key of the config schema, or the platform's", () => {
    // loadConfig keeps exactly the schema's keys (src/config.ts), so a setting it does not give back is not one of them.
    const config = loadConfig(env) as unknown as Record<string, unknown>;
    for (const name of Object.keys(settings)) {
      if (isPlatformSetting(name)) continue;
      expect({ name, value: config[name] === undefined ? undefined : String(config[name]) }).toEqual({ name, value: env[name] });
    }
  });

  test("the required ones are set: HOST 0.0.0.0, the Cosmos endpoint, the bot as the managed identity, the public URL", () => {
    expect(settings.HOST).toBe("0.0.0.0");
    expect(exprText(settings.COSMOS_ENDPOINT)).toBe("cosmos.properties.documentEndpoint");
    expect(settings.MicrosoftAppType).toBe("UserAssignedMSI");
    expect(exprText(settings.MicrosoftAppId)).toBe("identity.properties.clientId");
    expect(exprText(settings.MicrosoftAppTenantId)).toBe("identity.properties.tenantId");
    expect(settings.PUBLIC_URL).toBe("https://${webApp.properties.defaultHostName}");
    // DefaultAzureCredential picks the user-assigned identity by its client id.
    expect(exprText(settings.AZURE_CLIENT_ID)).toBe(exprText(settings.MicrosoftAppId));
    expect(exprText(settings.APPLICATIONINSIGHTS_CONNECTION_STRING)).toBe("insights.properties.ConnectionString");
    const config = loadConfig(env);
    expect(config).toMatchObject({ production: true, embeddedStore: false, HOST: "0.0.0.0", publicUrl: "https://loft-abc123.azurewebsites.net" });
  });

  test("the tab's audience is the SSO app's client id, as its v2 tokens carry it", () => {
    expect(exprText(settings.TAB_AUDIENCE)).toBe("aadAppClientId");
    expect(loadConfig(env).tabAudience).toBe(SAMPLES.aadAppClientId);
    expect(JSON.parse(read("infra/aad.manifest.json")).api.requestedAccessTokenVersion).toBe(2);
  });

  test("no key, password or secret is a setting", () => {
    for (const name of Object.keys(settings)) expect(name).not.toMatch(/KEY|PASSWORD|SECRET/i);
    expect(settings.COSMOS_KEY).toBeUndefined();
    expect(settings.MicrosoftAppPassword).toBeUndefined();
  });

  test("every LOG_LEVEL the parameter allows, the app accepts", () => {
    for (const level of params().logLevel.allowed!) expect(loadConfig({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
  });
});

describe("infra/azure.bicep: the bot", () => {
  test("Azure Bot with the managed identity (UserAssignedMSI), the app's /api/messages and the Teams channel", () => {
    expect(resourceType("bot")).toBe("Microsoft.BotService/botServices");
    const bot = obj(obj(declared("resource", "bot")).properties);
    expect(bot.msaAppType).toBe("UserAssignedMSI");
    expect(exprText(bot.msaAppId)).toBe(exprText(appSettings().MicrosoftAppId));
    expect(exprText(bot.msaAppMSIResourceId)).toBe("identity.id");
    expect(exprText(bot.msaAppTenantId)).toBe(exprText(appSettings().MicrosoftAppTenantId));
    expect(bot.endpoint).toBe("https://${webApp.properties.defaultHostName}/api/messages");
    expect(read("src/server.ts")).toContain('app.post("/api/messages"');
    const channel = obj(declared("resource", "teamsChannel"));
    expect(resourceType("teamsChannel")).toBe("Microsoft.BotService/botServices/channels");
    expect(channel.name).toBe("MsTeamsChannel");
    expect(obj(obj(channel.properties).properties).isEnabled).toBe(true);
  });

  test("Application Insights is workspace-based", () => {
    expect(resourceType("insights")).toBe("Microsoft.Insights/components");
    expect(exprText(obj(obj(declared("resource", "insights")).properties).WorkspaceResourceId)).toBe("workspace.id");
    expect(resourceType("workspace")).toBe("Microsoft.OperationalInsights/workspaces");
  });
});

// ── The Toolkit project ───────────────────────────────────────────────────────────────────────────────

// js-yaml is not a dependency of this project: it comes with jest (and date-holidays). Both of its APIs are handled.
const yaml = require("js-yaml") as { load?: (s: string) => unknown; safeLoad?: (s: string) => unknown };
const loadYaml = (s: string) => (yaml.safeLoad ?? yaml.load)!(s);

interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
const project = loadYaml(read("m365agents.yml")) as { version: string; environmentFolderPath: string; provision: Step[]; deploy: Step[]; publish: Step[] };
const envFile = Object.fromEntries(
  read("env/.env.dev")
    .split("\n")
    .filter((l) => /^\w+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).trim()]),
) as Record<string, string>;

const placeholders = (text: string) => [...text.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]);
/** The files an action reads and expands ${{…}} in. */
const filesOf = (step: Step): string[] => {
  const w = step.with ?? {};
  const templates = (w.templates as Array<{ path: string; parameters?: string }> | undefined) ?? [];
  return [w.manifestPath, w.ignoreFile, ...templates.flatMap((t) => [t.path, t.parameters])].filter((f): f is string => typeof f === "string");
};
/** What an action writes to the env file. */
function outputsOf(step: Step): string[] {
  const named = Object.values(step.writeToEnvironmentFile ?? {});
  if (step.uses === "teamsApp/create") named.push("TEAMS_APP_TENANT_ID");
  if (step.uses === "aadApp/update" && placeholders(read(step.with!.manifestPath as string)).includes("AAD_APP_ACCESS_AS_USER_PERMISSION_ID")) {
    named.push("AAD_APP_ACCESS_AS_USER_PERMISSION_ID");
  }
  if (step.uses === "arm/deploy") {
    for (const t of step.with!.templates as Array<{ path: string }>) {
      // Output names in capitals, other characters as _ (the Toolkit's rule).
      for (const m of read(t.path).matchAll(/^output (\w+) /gm)) named.push(m[1].toUpperCase().replace(/[^A-Z0-9]/g, "_"));
    }
  }
  return named;
}
/** The Toolkit asks for these when they are empty. */
const ASKED = ["AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP_NAME"];

const KNOWN_ACTIONS = [
  "teamsApp/create",
  "teamsApp/update",
  "teamsApp/validateManifest",
  "teamsApp/zipAppPackage",
  "teamsApp/validateAppPackage",
  "teamsApp/publishAppPackage",
  "aadApp/create",
  "aadApp/update",
  "arm/deploy",
  "cli/runNpmCommand",
  "azureAppService/zipDeploy",
];

describe("m365agents.yml", () => {
  test("parses, with the schema version its first line names, and uses only known actions", () => {
    const schema = /m365-agents-toolkits\/(v[\d.]+)\/yaml\.schema\.json/.exec(read("m365agents.yml"))![1];
    expect(project.version).toBe(schema);
    expect(project.environmentFolderPath).toBe("./env");
    expect(existsSync(path.join(root, "env", ".env.dev"))).toBe(true);
    for (const step of [...project.provision, ...project.deploy, ...project.publish]) expect(KNOWN_ACTIONS).toContain(step.uses);
    expect(project.provision.map((s) => s.uses)).toEqual(
      expect.arrayContaining(["teamsApp/create", "aadApp/create", "aadApp/update", "arm/deploy", "teamsApp/validateManifest", "teamsApp/zipAppPackage", "teamsApp/update"]),
    );
    expect(project.deploy.map((s) => s.uses)).toEqual(["cli/runNpmCommand", "cli/runNpmCommand", "azureAppService/zipDeploy"]);
    expect(project.publish.map((s) => s.uses)).toContain("teamsApp/publishAppPackage");
  });

  test("every file it names exists", () => {
    const steps = [...project.provision, ...project.deploy, ...project.publish];
    const files = steps.flatMap(filesOf);
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect({ file: f, exists: existsSync(path.join(root, f)) }).toEqual({ file: f, exists: true });
    // The Teams app's icons sit beside its manifest (the Toolkit refuses icons outside its folder), the same as manifest/'s.
    const manifest = JSON.parse(read("infra/appPackage/manifest.json"));
    for (const icon of [manifest.icons.color, manifest.icons.outline]) {
      expect(readFileSync(path.join(root, "infra", "appPackage", icon)).equals(readFileSync(path.join(root, "manifest", icon)))).toBe(true);
    }
  });

  test("every ${{VAR}} it and its files use is in env/.env.dev, and set, asked for or written by an earlier step", () => {
    const check = (steps: Step[], known: Set<string>) => {
      for (const step of steps) {
        // aadApp/update makes up the scope's id when it is empty, before it uses it.
        if (step.uses === "aadApp/update") known.add("AAD_APP_ACCESS_AS_USER_PERMISSION_ID");
        const texts = [JSON.stringify(step.with ?? {}), ...filesOf(step).map(read)];
        for (const name of texts.flatMap(placeholders)) {
          expect({ name, inEnvFile: name in envFile }).toEqual({ name, inEnvFile: true });
          expect({ name, step: step.uses, available: known.has(name) }).toEqual({ name, step: step.uses, available: true });
        }
        for (const out of outputsOf(step)) known.add(out);
      }
      return known;
    };
    const given = () => new Set([...Object.keys(envFile).filter((k) => envFile[k] !== ""), ...ASKED]);
    const afterProvision = check(project.provision, given());
    // deploy and publish run after provision, with what it wrote.
    check(project.deploy, new Set(afterProvision));
    check(project.publish, new Set(afterProvision));
  });

  test("env/.env.dev holds no stale name: each is used, asked for, or written by a step", () => {
    const steps = [...project.provision, ...project.deploy, ...project.publish];
    const used = new Set([...steps.flatMap((s) => [JSON.stringify(s.with ?? {}), ...filesOf(s).map(read)]).flatMap(placeholders), ...steps.flatMap(outputsOf), ...ASKED]);
    for (const name of Object.keys(envFile)) expect({ name, used: used.has(name) }).toEqual({ name, used: true });
    // No secret is written, so no env/.env.dev.user is needed.
    for (const name of steps.flatMap(outputsOf)) expect(name).not.toMatch(/^SECRET_/);
  });

  test("deploy installs without dev dependencies, builds the tab, and the package keeps what the app needs", () => {
    expect(project.deploy[0].with!.args).toMatch(/^ci --omit=dev\b/);
    expect(project.deploy[1].with!.args).toBe("run build:tab");
    const ignored = read("infra/webappignore")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    for (const needed of ["package.json", "tsconfig.json", "node_modules/tsx/package.json", "src/main.ts", "bot/adapter.ts", ".build/tab/index.html"]) {
      const hit = ignored.find((p) => p === "*" || needed === p.replace(/\/$/, "") || needed.startsWith(p.replace(/^\//, "").replace(/\/?$/, "/")));
      expect({ needed, ignoredBy: hit }).toEqual({ needed, ignoredBy: undefined });
    }
    expect(ignored).toEqual(expect.arrayContaining([".build/deploy/", "test/", "infra/"]));
  });

  test("infra/azure.parameters.json gives every parameter without a default, names only declared ones, within their bounds", () => {
    const given = JSON.parse(read("infra/azure.parameters.json")).parameters as Record<string, { value: unknown }>;
    const ps = params();
    for (const [name, p] of Object.entries(ps)) if (p.default === undefined) expect(Object.keys(given)).toContain(name);
    for (const [name, { value }] of Object.entries(given)) {
      expect(Object.keys(ps)).toContain(name);
      const p = ps[name];
      if (typeof value === "string" && placeholders(value).length > 0) continue;
      expect(typeof value).toBe(p.type === "int" ? "number" : p.type === "bool" ? "boolean" : "string");
      if (p.allowed) expect(p.allowed).toContain(value);
      if (p.min !== undefined) expect(value as number).toBeGreaterThanOrEqual(p.min);
      if (p.max !== undefined) expect(value as number).toBeLessThanOrEqual(p.max);
    }
    expect(given.aadAppClientId.value).toBe("${{AAD_APP_CLIENT_ID}}");
    expect(ps.location.allowed).toContain(envFile.AZURE_LOCATION);
    expect(envFile.RESOURCE_BASE_NAME).toMatch(/^[a-z0-9-]{3,20}$/);
  });
});

describe("the Teams app and the tab's Entra app", () => {
  const values: Record<string, string> = {
    TEAMS_APP_ID: envFile.TEAMS_APP_ID,
    TEAMS_APP_VERSION: envFile.TEAMS_APP_VERSION,
    BOT_ID: "3f2b8a51-0c1d-4e5f-8a9b-0c1d2e3f4a5b",
    APP_DOMAIN: "loft-abc123.azurewebsites.net",
    AAD_APP_CLIENT_ID: "6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a",
    AAD_APP_OBJECT_ID: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    AAD_APP_ACCESS_AS_USER_PERMISSION_ID: "0f1e2d3c-4b5a-4969-8877-665544332211",
  };
  const fill = (text: string) => text.replace(/\$\{\{(\w+)\}\}/g, (_, n: string) => values[n] ?? `MISSING_${n}`);
  const toolkitManifest = () => JSON.parse(fill(read("infra/appPackage/manifest.json")));

  test("infra/appPackage/manifest.json is manifest/manifest.template.json, the SSO app in webApplicationInfo instead of the bot", () => {
    const rendered = renderManifest({ botId: values.BOT_ID, publicUrl: `https://${values.APP_DOMAIN}`, version: values.TEAMS_APP_VERSION });
    expect(toolkitManifest()).toEqual({
      ...rendered,
      webApplicationInfo: { id: values.AAD_APP_CLIENT_ID, resource: `api://${values.APP_DOMAIN}/${values.AAD_APP_CLIENT_ID}` },
    });
    expect(envFile.TEAMS_APP_ID).toBe(rendered.id);
  });

  test("it validates against the Teams manifest schema", async () => {
    const m = toolkitManifest();
    expect(JSON.stringify(m)).not.toContain("MISSING_");
    expect(await AppManifestUtils.validateAgainstSchema(m as never)).toEqual([]);
  });

  test("the Entra app exposes the scope the code checks, as the resource the manifest names, pre-authorized for Teams", () => {
    const raw = read("infra/aad.manifest.json");
    const aad = JSON.parse(fill(raw));
    expect(JSON.stringify(aad)).not.toContain("MISSING_");
    expect(aad.signInAudience).toBe("AzureADMyOrg");
    expect(aad.api.oauth2PermissionScopes.map((s: { value: string }) => s.value)).toEqual([SCOPE]);
    const scopeId = aad.api.oauth2PermissionScopes[0].id;
    expect(aad.identifierUris).toEqual([toolkitManifest().webApplicationInfo.resource]);
    // Teams' desktop and mobile clients, and Teams on the web (learn.microsoft.com: tab SSO, "authorized client application").
    for (const client of ["1fec8e78-bce4-4aaf-ab1b-5451cc387264", "5e3ce6c0-2b1f-4285-8d4b-75ee78787346"]) {
      expect(aad.api.preAuthorizedApplications).toContainEqual({ appId: client, delegatedPermissionIds: [scopeId] });
    }
    expect(aad.passwordCredentials ?? []).toEqual([]);
    expect(aad.keyCredentials ?? []).toEqual([]);
  });
});
