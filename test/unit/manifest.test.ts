// The Teams app package validates against Microsoft's manifest schema (shipped offline in @microsoft/app-manifest).
import { AppManifestUtils } from "@microsoft/app-manifest";
import { unzipSync } from "fflate";
import { packageApp, renderManifest } from "../../manifest/manifest";

const settings = { botId: "6f1c2d3e-0000-4000-8000-000000000abc", publicUrl: "https://loft.example.dk", version: "0.1.0" };

test("the rendered manifest is valid against the v1.22 schema", async () => {
  const manifest = renderManifest(settings);
  expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([]);
  expect(JSON.stringify(manifest)).not.toContain("{{");
  expect(manifest).toMatchObject({
    bots: [{ botId: settings.botId, scopes: ["personal", "team"] }],
    validDomains: ["loft.example.dk"],
    webApplicationInfo: { id: settings.botId, resource: `api://loft.example.dk/${settings.botId}` },
    // The tab: a personal tab, a channel tab, and in meetings the side panel and the stage (Teams' own
    // "share to stage" button needs both contexts and the stage permission).
    staticTabs: [{ scopes: ["personal"], contentUrl: "https://loft.example.dk/tab/" }],
    configurableTabs: [{ context: expect.arrayContaining(["channelTab", "meetingSidePanel", "meetingStage"]) }],
    authorization: { permissions: { resourceSpecific: [{ name: "MeetingStage.Write.Chat", type: "Delegated" }] } },
  });
});

test("a broken manifest is reported (the validation can fail)", async () => {
  const manifest = { ...renderManifest(settings), accentColor: "purple" };
  expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([
    '/accentColor must match pattern "^#[0-9a-fA-F]{6}$". Details: {"pattern":"^#[0-9a-fA-F]{6}$"}',
  ]);
});

test("the package holds manifest.json and both icons at its root, the icons at Teams' sizes", () => {
  const files = unzipSync(packageApp(settings));
  expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
  const size = (png: Uint8Array) => [Buffer.from(png).readUInt32BE(16), Buffer.from(png).readUInt32BE(20)];
  expect(size(files["color.png"])).toEqual([192, 192]);
  expect(size(files["outline.png"])).toEqual([32, 32]);
});

test("a tab signing in with its own Entra app: webApplicationInfo names that app, the bot keeps its id", () => {
  const tabAppId = "11111111-2222-4333-8444-555555555555";
  const manifest = renderManifest({ ...settings, tabAppId });
  expect(manifest).toMatchObject({ bots: [{ botId: settings.botId }], webApplicationInfo: { id: tabAppId, resource: `api://loft.example.dk/${tabAppId}` } });
});

test("`npm run package` writes a validated package for the deployment it is given, and refuses what is not an id", () => {
  const { execFileSync, spawnSync } = require("node:child_process") as typeof import("node:child_process");
  const { mkdtempSync, readFileSync } = require("node:fs") as typeof import("node:fs");
  const out = `${mkdtempSync(`${require("node:os").tmpdir()}/loft-pkg-`)}/app.zip`;
  const tsx = require.resolve("tsx/cli");
  execFileSync(process.execPath, [tsx, "manifest/package.ts", "--app-id", settings.botId, "--host", "loft.kommune.dk", "--out", out], { cwd: `${__dirname}/../..` });
  const manifest = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))["manifest.json"]));
  expect(manifest.validDomains).toEqual(["loft.kommune.dk"]);
  const refused = spawnSync(process.execPath, [tsx, "manifest/package.ts", "--app-id", "nope", "--host", "loft.kommune.dk"], { cwd: `${__dirname}/../..`, encoding: "utf8" });
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain("--app-id");
}, 60_000);
