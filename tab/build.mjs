// Builds the tab to static files (.build/tab) that the server serves under /tab/.
import { build } from "esbuild";
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", ".build", "tab");
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "src", "main.tsx")],
  jsx: "automatic",
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  outfile: join(out, "tab.js"),
  logLevel: "warning",
});
for (const f of ["index.html", "tab.css"]) cpSync(join(here, f), join(out, f));
