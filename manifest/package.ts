// `npm run package:teams`: writes .build/loft-teams-app.zip for upload to Teams (MicrosoftAppId and PUBLIC_URL from env).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../src/config";
import { packageApp } from "./manifest";

const config = loadConfig();
if (!config.MicrosoftAppId || !config.PUBLIC_URL) {
  process.stderr.write("Set MicrosoftAppId and PUBLIC_URL (https) to package the Teams app.\n");
  process.exit(2);
}
const out = path.resolve(__dirname, "..", ".build", "loft-teams-app.zip");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, packageApp({ botId: config.MicrosoftAppId, publicUrl: config.PUBLIC_URL, version: process.env.npm_package_version ?? "0.1.0" }));
process.stdout.write(`${out}\n`);
