// Checks the embedded store's data folder (local mode) as start-up does, listing every problem:
//   npm run store:check                 reads DATA_DIR (default .data); changes nothing
//   npm run store:check -- --salvage    keeps every record that proves itself, moves the old files to
//                                       DATA_DIR/damaged-{time}/ and writes them anew as one snapshot
// Stop Løft before salvaging. What is lost is what the problems name: a salvaged store starts, but without it.
import { checkFolder, salvageFolder } from "../src/store/embedded";

async function main() {
  const dir = process.env.DATA_DIR || ".data";
  const salvage = process.argv.includes("--salvage");
  const found = salvage ? await salvageFolder(dir, new Date()) : await checkFolder(dir);
  if (found.problems.length === 0) {
    console.log(`${dir}: whole — ${found.records} records proved, ${found.documents} documents.`);
    if (salvage) console.log(`Nothing was lost; the files were rewritten as one snapshot (the old ones are in ${"movedTo" in found ? found.movedTo : ""}).`);
    return;
  }
  console.log(`${dir}: ${found.problems.length} problem(s):`);
  for (const p of found.problems) console.log(`  ${p.message}`);
  console.log(`${found.records} records prove themselves (${found.documents} documents).`);
  if ("movedTo" in found) {
    console.log(`Salvaged: the store now holds those ${found.documents} documents; the damaged files are in ${found.movedTo}.`);
    console.log("What the problems name is not in it. Restore it from a copy of the folder if you have one.");
  } else {
    console.log("Løft will not start on this folder. If you have a copy of it, restore that; otherwise");
    console.log("`npm run store:check -- --salvage` keeps what proves itself (stop Løft first).");
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(2);
});
