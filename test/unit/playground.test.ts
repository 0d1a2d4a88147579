// The local Teams client as any of the demo's people: the config per person keeps everyone in the roster.
import { readFileSync } from "node:fs";
import path from "node:path";
import { configFor } from "../../scripts/playground";
import { DEMO } from "../../src/domain/demo";

const base = readFileSync(path.join(__dirname, "..", "..", ".m365agentsplayground.yml"), "utf8");
const aads = (yml: string) => [...yml.matchAll(/aadObjectId: (\S+)/g)].map((m) => m[1]).sort();

test("as the coordinator: the coordinator is the current user, with their own personal chat; no one is lost or doubled", () => {
  const yml = configFor(base, DEMO.coordinator);
  expect(yml).toMatch(new RegExp(`currentUser:\\n  id: 29:demo-koordinator\\n  name: Demo Koordinator\\n(  .*\\n)*?  aadObjectId: ${DEMO.coordinator}`));
  expect(yml).toContain("personalChat:\n  id: a:personal-demo-koordinator");
  expect(aads(yml)).toEqual(aads(base));
  expect(yml).toContain("team:\n  id: 19:demo-korps@thread.tacv2");
});

test("as the mentor: the repository's own config, person for person", () => {
  expect(aads(configFor(base, DEMO.mentor))).toEqual(aads(base));
  expect(configFor(base, DEMO.mentor)).toContain("personalChat:\n  id: a:personal-demo-mentor");
  expect(() => configFor(base, "0000000d-0000-0000-0000-0000000000ff")).toThrow();
});
