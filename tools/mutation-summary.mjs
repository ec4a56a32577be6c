// Reads a Stryker mutation-report.json and prints the score per file (weakest first) and then one
// line for the project: "NAME: 87.3% (killed N, survived N, no coverage N, timeout N)".
// The score is Stryker's: (killed + timeout) / (killed + timeout + survived + no coverage).
// Exits 1 when the report is missing or holds no mutant that was tested.
import fs from "node:fs";
import path from "node:path";

const [reportPath, name, mode] = process.argv.slice(2);
if (!reportPath || !name || !fs.existsSync(reportPath)) {
  console.log(`${name ?? "?"}: no mutation report (Stryker did not finish)`);
  process.exit(1);
}

const report = JSON.parse(fs.readFileSync(reportPath, "utf8"));
const count = () => ({ Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0 });
const score = (c) => {
  const valid = c.Killed + c.Timeout + c.Survived + c.NoCoverage;
  return valid === 0 ? null : (100 * (c.Killed + c.Timeout)) / valid;
};
const line = (label, c) =>
  `${label}: ${score(c) === null ? "n/a" : score(c).toFixed(1) + "%"} ` +
  `(killed ${c.Killed}, survived ${c.Survived}, no coverage ${c.NoCoverage}, timeout ${c.Timeout})`;

const total = count();
const files = [];
for (const [file, { mutants }] of Object.entries(report.files ?? {})) {
  const c = count();
  for (const m of mutants) {
    if (m.status in c) {
      c[m.status] += 1;
      total[m.status] += 1;
    }
  }
  if (score(c) !== null) files.push({ file: path.relative(process.cwd(), path.resolve(report.projectRoot ?? "", file)), c });
}

if (mode === "--project-only") {
  console.log(line(name, total));
} else {
  files.sort((a, b) => score(a.c) - score(b.c) || a.file.localeCompare(b.file));
  for (const { file, c } of files) console.log("  " + line(file, c));
}
process.exit(score(total) === null ? 1 : 0);
