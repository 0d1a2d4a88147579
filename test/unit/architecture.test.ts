// The shape of the code (docs/architecture.md, "Rules"): no import cycles, the functional core free of I/O and of
// everything above it, the shells beside each other, verbs that answer and an outbox that sends. Checked with
// dependency-cruiser over the source as it is; a violation names the files and the rule.
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "..", "..");

test("the layering rules hold and no module depends on itself", () => {
  let out: string;
  try {
    out = execFileSync(path.join(root, "node_modules", ".bin", "depcruise"), ["--config", ".dependency-cruiser.cjs", "--output-type", "err", "src", "bot", "tab/src"], {
      cwd: root,
      encoding: "utf8",
    });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? e);
  }
  expect(out).toContain("no dependency violations found");
}, 60_000);
