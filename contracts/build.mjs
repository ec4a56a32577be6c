// Compiles every contracts/src/**/*.sol with the npm solc and writes one artifact per contract
// to contracts/artifacts/<Name>.json (ABI, bytecode, deployed bytecode, compiler version).
//   node contracts/build.mjs            write the artifacts
//   node contracts/build.mjs --check    exit 1 when a committed artifact differs from a fresh build
// Options: --root <dir> compiles another copy of the contracts tree (used by the staleness test).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const check = args.includes("--check");
const rootArg = args.indexOf("--root");
const contractsDir = rootArg >= 0 ? path.resolve(args[rootArg + 1]) : path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(fileURLToPath(import.meta.url)).replace(/[\\/]contracts$/, "");
const require = createRequire(path.join(repoRoot, "package.json"));
const solc = require("solc");

const srcDir = path.join(contractsDir, "src");
const artifactsDir = path.join(contractsDir, "artifacts");

function listSources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSources(full);
    return entry.name.endsWith(".sol") ? [full] : [];
  }).sort();
}

const sources = {};
for (const file of listSources(srcDir)) {
  const key = path.relative(contractsDir, file).split(path.sep).join("/");
  sources[key] = { content: fs.readFileSync(file, "utf8") };
}

const input = {
  language: "Solidity",
  sources,
  settings: {
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 200 },
    viaIR: false,
    metadata: { bytecodeHash: "none" },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
  },
};

function findImport(importPath) {
  for (const base of [contractsDir, path.join(repoRoot, "node_modules")]) {
    const candidate = path.join(base, importPath);
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, "utf8") };
  }
  return { error: `import not found: ${importPath}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
const errors = (output.errors ?? []).filter((e) => e.severity === "error");
for (const diagnostic of output.errors ?? []) console.error(diagnostic.formattedMessage);
if (errors.length > 0 || (output.errors ?? []).some((e) => e.severity === "warning")) {
  console.error("compilation failed: errors and warnings are not allowed");
  process.exit(2);
}

const artifacts = {};
for (const [sourceKey, contracts] of Object.entries(output.contracts ?? {})) {
  if (!sourceKey.startsWith("src/")) continue;
  for (const [name, compiled] of Object.entries(contracts)) {
    if (!compiled.evm.bytecode.object) continue; // interfaces and abstract contracts
    if (artifacts[name]) {
      console.error(`two contracts are named ${name}; names must be unique`);
      process.exit(2);
    }
    artifacts[name] = JSON.stringify({
      contractName: name,
      sourceName: sourceKey,
      compiler: `solc-js ${solc.version()}`,
      abi: compiled.abi,
      bytecode: "0x" + compiled.evm.bytecode.object,
      deployedBytecode: "0x" + compiled.evm.deployedBytecode.object,
    }, null, 2) + "\n";
  }
}

const existing = fs.existsSync(artifactsDir) ? fs.readdirSync(artifactsDir).filter((f) => f.endsWith(".json")) : [];
if (check) {
  const stale = [];
  for (const [name, text] of Object.entries(artifacts)) {
    const file = path.join(artifactsDir, `${name}.json`);
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) stale.push(name);
  }
  for (const file of existing) if (!artifacts[path.basename(file, ".json")]) stale.push(`${file} (no source)`);
  if (stale.length > 0) {
    console.error(`stale artifacts: ${stale.join(", ")}; run: node contracts/build.mjs`);
    process.exit(1);
  }
  console.log(`artifacts up to date (${Object.keys(artifacts).length} contracts)`);
} else {
  fs.mkdirSync(artifactsDir, { recursive: true });
  for (const file of existing) if (!artifacts[path.basename(file, ".json")]) fs.unlinkSync(path.join(artifactsDir, file));
  for (const [name, text] of Object.entries(artifacts)) fs.writeFileSync(path.join(artifactsDir, `${name}.json`), text);
  console.log(`wrote ${Object.keys(artifacts).length} artifacts to ${path.relative(process.cwd(), artifactsDir) || "."}`);
}
