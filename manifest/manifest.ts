// The Teams app package: the manifest template filled in for one deployment, with its two icons.
import { readFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";

export interface ManifestSettings {
  botId: string;
  /** The Entra app the tab signs in with (SSO); default: the bot's id. */
  tabAppId?: string;
  publicUrl: string;
  version: string;
}

export function renderManifest(s: ManifestSettings): Record<string, unknown> {
  const template = readFileSync(path.join(__dirname, "manifest.template.json"), "utf8");
  const url = new URL(s.publicUrl);
  const filled = template
    .replaceAll("{{BOT_ID}}", s.botId)
    .replaceAll("{{TAB_APP_ID}}", s.tabAppId ?? s.botId)
    .replaceAll("{{PUBLIC_URL}}", url.origin)
    .replaceAll("{{PUBLIC_HOST}}", url.host)
    .replaceAll("{{VERSION}}", s.version);
  return JSON.parse(filled) as Record<string, unknown>;
}

/** manifest.json + color.png + outline.png, zipped as Teams wants them (files at the root). */
export function packageApp(s: ManifestSettings): Uint8Array {
  return zipSync({
    "manifest.json": new TextEncoder().encode(JSON.stringify(renderManifest(s), null, 2)),
    "color.png": readFileSync(path.join(__dirname, "color.png")),
    "outline.png": readFileSync(path.join(__dirname, "outline.png")),
  });
}
