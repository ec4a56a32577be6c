// Prints "N passed, N failed" summed over every TRX file in a folder (the .NET test results).
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? ".mlgov/test-results";
let passed = 0;
let failed = 0;
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".trx")) : [];
for (const file of files) {
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  const counters = text.match(/<Counters\b[^>]*>/);
  if (!counters) continue;
  const attr = (name) => Number((counters[0].match(new RegExp(`\\b${name}="(\\d+)"`)) ?? [])[1] ?? 0);
  passed += attr("passed");
  failed += attr("failed") + attr("error") + attr("timeout") + attr("aborted");
}
if (files.length === 0) failed += 1; // no results at all is a failure, not a pass
console.log(`${passed} passed, ${failed} failed`);
