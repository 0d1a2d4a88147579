// `npm run package -- --app-id <bot id> --host <host name> [--tab-app-id <Entra app id>] [--out <file>]`: the Teams app
// package for one deployment, validated against Microsoft's manifest schema before it is written. The values may
// also come from the environment (MicrosoftAppId, PUBLIC_URL, TAB_APP_ID), as the app itself reads them.
import { AppManifestUtils } from "@microsoft/app-manifest";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { packageApp, renderManifest } from "./manifest";

async function main() {
  const { values } = parseArgs({ options: { "app-id": { type: "string" }, host: { type: "string" }, "tab-app-id": { type: "string" }, out: { type: "string" } } });
  const host = values.host ?? (process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).host : undefined);
  const settings = z
    .object({
      botId: z.string().uuid("--app-id: the bot's Microsoft app id (a GUID)"),
      tabAppId: z.string().uuid("--tab-app-id: the tab's Entra app id (a GUID)").optional(),
      host: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, "--host: a host name such as loft.kommune.dk"),
    })
    .safeParse({ botId: values["app-id"] ?? process.env.MicrosoftAppId, tabAppId: values["tab-app-id"] ?? process.env.TAB_APP_ID, host });
  if (!settings.success) {
    process.stderr.write(`${settings.error.issues.map((i) => i.message).join("\n")}\nUsage: npm run package -- --app-id <GUID> --host <host> [--tab-app-id <GUID>]\n`);
    process.exit(2);
  }
  const s = { botId: settings.data.botId, tabAppId: settings.data.tabAppId, publicUrl: `https://${settings.data.host}`, version: process.env.npm_package_version ?? "0.1.0" };
  const problems = await AppManifestUtils.validateAgainstSchema(renderManifest(s) as never);
  if (problems.length > 0) {
    process.stderr.write(`The manifest does not validate:\n${problems.join("\n")}\n`);
    process.exit(1);
  }
  const out = path.resolve(values.out ?? path.join(__dirname, "..", ".build", `loft-teams-app-${settings.data.host.replace(/[^a-z0-9.-]/gi, "_")}.zip`));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, packageApp(s));
  process.stdout.write(`${out}\n`);
}

void main();
