// Implementation of solc-wrapper.sh: the two solc command-line modes forge uses, on top of solc-js.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const repoRoot = path.resolve(__dirname, "..");
const solc = require(require.resolve("solc", { paths: [repoRoot] }));
const args = process.argv.slice(2);

if (args.includes("--version")) {
  // solc-js reports "0.8.37+commit.f401782d.Emscripten.clang"; forge expects the native form.
  const [version, commit] = solc.version().split("+");
  const sha = (commit ?? "commit.00000000").split(".").slice(0, 2).join(".");
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${version}+${sha}.Linux.g++\n`);
  process.exit(0);
}

if (!args.includes("--standard-json")) {
  process.stderr.write("solc-wrapper: only --version and --standard-json are supported\n");
  process.exit(1);
}

// Directories an import may be read from when forge did not inline it: --base-path, every
// --include-path, the working directory and node_modules (forge normally sends every source).
const roots = [process.cwd(), path.join(repoRoot, "node_modules")];
for (let i = 0; i < args.length - 1; i++) {
  if (args[i] === "--base-path" || args[i] === "--include-path") roots.unshift(path.resolve(args[i + 1]));
}

function findImport(importPath) {
  for (const root of roots) {
    const candidate = path.isAbsolute(importPath) ? importPath : path.join(root, importPath);
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, "utf8") };
  }
  return { error: `import not found: ${importPath}` };
}

const input = fs.readFileSync(0, "utf8");
process.stdout.write(solc.compile(input, { import: findImport }));
