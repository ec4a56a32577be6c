// Writes the typed Nethereum definitions of lib/MLGov.Contracts from the compiled artifacts
// (contracts/artifacts/*.json), one file per function message, function output, event, custom
// error and deployment message, with summaries taken from the contracts' NatSpec.
//   node lib/MLGov.Contracts/generate-definitions.mjs
// Run it after `node contracts/build.mjs` whenever a contract's interface changes, then rebuild;
// tests/MLGov.Contracts.Tests fails when a definition and its artifact disagree.
// Members every AccessControl contract inherits from OpenZeppelin go to OpenZeppelin/ once, and so do
// the GuardianPausable members (OpenZeppelin Pausable plus GUARDIAN_ROLE, pause, unpause) of the money contracts
// and the AccessControlDefaultAdminRules members (two-step admin hand-over) of every governed contract.
// Files are only written, never deleted: hand-written files next to the generated ones stay.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const contractsDir = path.join(repoRoot, "contracts");
const artifactsDir = path.join(contractsDir, "artifacts");
const require = createRequire(path.join(repoRoot, "package.json"));
const solc = require("solc");

const shared = {
  folder: "OpenZeppelin",
  members: {
  function: new Set(["DEFAULT_ADMIN_ROLE", "getRoleAdmin", "grantRole", "hasRole", "renounceRole", "revokeRole", "supportsInterface", "GUARDIAN_ROLE", "pause", "unpause", "paused",
    "owner", "defaultAdmin", "pendingDefaultAdmin", "defaultAdminDelay", "pendingDefaultAdminDelay", "defaultAdminDelayIncreaseWait",
    "beginDefaultAdminTransfer", "cancelDefaultAdminTransfer", "acceptDefaultAdminTransfer", "changeDefaultAdminDelay", "rollbackDefaultAdminDelay"]),
  event: new Set(["RoleAdminChanged", "RoleGranted", "RoleRevoked", "Paused", "Unpaused",
    "DefaultAdminTransferScheduled", "DefaultAdminTransferCanceled", "DefaultAdminDelayChangeScheduled", "DefaultAdminDelayChangeCanceled"]),
  error: new Set(["AccessControlBadConfirmation", "AccessControlUnauthorizedAccount", "ReentrancyGuardReentrantCall", "SafeERC20FailedOperation", "EnforcedPause", "ExpectedPause",
    "AccessControlInvalidDefaultAdmin", "AccessControlEnforcedDefaultAdminRules", "AccessControlEnforcedDefaultAdminDelay", "SafeCastOverflowedUintDowncast"]),
  },
};
const isShared = (entry) => Object.hasOwn(shared.members, entry.type) && shared.members[entry.type].has(entry.name);

// ---------------------------------------------------------------- NatSpec from a documentation-only compile

function listSources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSources(full);
    return entry.name.endsWith(".sol") ? [full] : [];
  });
}

function natspec() {
  const sources = {};
  for (const file of listSources(path.join(contractsDir, "src"))) {
    sources[path.relative(contractsDir, file).split(path.sep).join("/")] = { content: fs.readFileSync(file, "utf8") };
  }
  const input = {
    language: "Solidity",
    sources,
    settings: { evmVersion: "cancun", outputSelection: { "*": { "*": ["userdoc", "devdoc"] } } },
  };
  const findImport = (importPath) => {
    for (const base of [contractsDir, path.join(repoRoot, "node_modules")]) {
      const candidate = path.join(base, importPath);
      if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, "utf8") };
    }
    return { error: `import not found: ${importPath}` };
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const docs = {};
  for (const [sourceKey, contracts] of Object.entries(output.contracts)) {
    if (!sourceKey.startsWith("src/")) continue;
    for (const [name, compiled] of Object.entries(contracts)) docs[name] = { user: compiled.userdoc ?? {}, dev: compiled.devdoc ?? {} };
  }
  return docs;
}

// ---------------------------------------------------------------- naming and types

const pascal = (name) => {
  const trimmed = name.replace(/^_+|_+$/g, "");
  if (/^[A-Z0-9_]+$/.test(trimmed)) {
    return trimmed.split("_").filter(Boolean).map((w) => w[0] + w.slice(1).toLowerCase()).join("");
  }
  return trimmed[0].toUpperCase() + trimmed.slice(1);
};

const canonicalType = (param) => param.type; // no tuples in these contracts
const signature = (entry) => `${entry.name}(${entry.inputs.map(canonicalType).join(",")})`;

function csharpType(type) {
  if (type.endsWith("[]")) return `List<${csharpType(type.slice(0, -2))}>`;
  if (type === "address" || type === "string") return "string";
  if (type === "bool") return "bool";
  if (type === "bytes" || /^bytes\d+$/.test(type)) return "byte[]";
  if (type === "uint8") return "byte";
  if (type === "uint32") return "uint";
  if (type === "uint64") return "ulong";
  if (/^u?int\d*$/.test(type)) return "BigInteger";
  throw new Error(`no C# type for ${type}`);
}

function initializer(type) {
  const cs = csharpType(type);
  if (cs === "string") return " = string.Empty;";
  if (cs === "byte[]" || cs.startsWith("List<")) return " = [];";
  return "";
}

const xml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\s+/g, " ").trim();

function solidityDeclaration(kind, entry) {
  const params = (list) => list.map((p) => [p.type, p.indexed ? "indexed" : "", p.name].filter(Boolean).join(" ")).join(", ");
  let text = `${kind} ${entry.name}(${params(entry.inputs)})`;
  if (kind === "function" && entry.outputs.length > 0) text += ` returns (${params(entry.outputs)})`;
  return text;
}

function summary(indent, notice, declaration) {
  const lines = [`${indent}/// <summary>`];
  if (notice) lines.push(`${indent}/// ${xml(notice)}`);
  lines.push(`${indent}/// <c>${xml(declaration)}</c>`, `${indent}/// </summary>`);
  return lines;
}

function properties(params, paramDocs, withIndexed) {
  const lines = [];
  params.forEach((param, i) => {
    if (i > 0) lines.push("");
    const doc = paramDocs?.[param.name];
    if (doc) lines.push(`    /// <summary>${xml(doc)}</summary>`);
    const indexed = withIndexed ? `, ${param.indexed ? "true" : "false"}` : "";
    lines.push(`    [Parameter("${param.type}", "${param.name}", ${i + 1}${indexed})]`);
    const property = param.name ? pascal(param.name) : `Arg${i}`; // unnamed parameters (e.g. ERC-721 receiver hooks)
    lines.push(`    public ${csharpType(param.type)} ${property} { get; set; }${initializer(param.type)}`);
  });
  return lines;
}

function usings(params, extra) {
  const set = new Set(extra);
  if (params.some((p) => csharpType(p.type).includes("BigInteger"))) set.add("System.Numerics");
  set.add("Nethereum.ABI.FunctionEncoding.Attributes");
  return [...set].sort((a, b) => {
    const system = (s) => (s === "System" || s.startsWith("System.") ? 0 : 1);
    return system(a) - system(b) || a.localeCompare(b);
  }).map((u) => `using ${u};`);
}

function file(namespace, usingLines, body) {
  return [
    "// Generated by lib/MLGov.Contracts/generate-definitions.mjs from contracts/artifacts; edit the contract and regenerate.",
    ...usingLines,
    "",
    `namespace MLGov.Contracts.${namespace};`,
    "",
    ...body,
    "",
  ].join("\n");
}

// ---------------------------------------------------------------- one file per ABI entry

function functionFiles(namespace, abi, docs) {
  const functions = abi.filter((e) => e.type === "function");
  const byName = new Map();
  for (const f of functions) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const files = {};
  for (const fn of functions) {
    const overloads = byName.get(fn.name).toSorted((a, b) => a.inputs.length - b.inputs.length);
    let className = pascal(fn.name);
    if (overloads.length > 1 && overloads[0] !== fn) {
      const extra = fn.inputs.slice(overloads[0].inputs.length).map((p) => pascal(p.name)).join("And");
      className += `With${extra}`;
    }
    const sig = signature(fn);
    const notice = docs.user.methods?.[sig]?.notice ?? docs.dev.methods?.[sig]?.details;
    const paramDocs = docs.dev.methods?.[sig]?.params;
    let attribute;
    if (fn.outputs.length === 0) attribute = `[Function("${fn.name}")]`;
    else if (fn.outputs.length === 1) attribute = `[Function("${fn.name}", "${fn.outputs[0].type}")]`;
    else attribute = `[Function("${fn.name}", typeof(${className}Output))]`;
    files[`${className}Function.cs`] = file(namespace, usings(fn.inputs, ["Nethereum.Contracts"]), [
      ...summary("", notice, solidityDeclaration("function", fn)),
      attribute,
      `public sealed class ${className}Function : FunctionMessage`,
      "{",
      ...properties(fn.inputs, paramDocs, false),
      "}",
    ]);
    if (fn.outputs.length > 1) {
      const returnDocs = docs.dev.methods?.[sig]?.returns;
      files[`${className}Output.cs`] = file(namespace, usings(fn.outputs, []), [
        ...summary("", `What ${fn.name} returns.`, solidityDeclaration("function", fn)),
        "[FunctionOutput]",
        `public sealed class ${className}Output : IFunctionOutputDTO`,
        "{",
        ...properties(fn.outputs, returnDocs, false),
        "}",
      ]);
    }
  }
  return files;
}

function eventFiles(namespace, abi, docs) {
  const files = {};
  for (const ev of abi.filter((e) => e.type === "event")) {
    const sig = signature(ev);
    const notice = docs.user.events?.[sig]?.notice ?? docs.dev.events?.[sig]?.details;
    const className = `${pascal(ev.name)}Event`;
    files[`${className}.cs`] = file(namespace, usings(ev.inputs, []), [
      ...summary("", notice, solidityDeclaration("event", ev)),
      `[Event("${ev.name}")]`,
      `public sealed class ${className} : IEventDTO`,
      "{",
      ...properties(ev.inputs, docs.dev.events?.[sig]?.params, true),
      "}",
    ]);
  }
  return files;
}

function errorFiles(namespace, abi, docs) {
  const files = {};
  for (const er of abi.filter((e) => e.type === "error")) {
    const sig = signature(er);
    const notice = docs.user.errors?.[sig]?.[0]?.notice ?? docs.dev.errors?.[sig]?.[0]?.details;
    const className = `${pascal(er.name)}Error`;
    files[`${className}.cs`] = file(namespace, usings(er.inputs, []), [
      ...summary("", notice, solidityDeclaration("error", er)),
      `[Error("${er.name}")]`,
      `public sealed class ${className}`,
      "{",
      ...properties(er.inputs, docs.dev.errors?.[sig]?.[0]?.params, false),
      "}",
    ]);
  }
  return files;
}

function deploymentFile(name, abi, docs) {
  const ctor = abi.find((e) => e.type === "constructor") ?? { inputs: [] };
  const declaration = `constructor(${ctor.inputs.map((p) => `${p.type} ${p.name}`).join(", ")})`;
  return {
    [`${name}Deployment.cs`]: file(name, usings(ctor.inputs, ["Nethereum.Contracts"]), [
      ...summary("", `Deploys ${name} with the bytecode of its embedded artifact.`, declaration),
      `public sealed class ${name}Deployment : ContractDeploymentMessage`,
      "{",
      `    public ${name}Deployment()`,
      `        : base(ContractArtifact.Load("${name}").Bytecode)`,
      "    {",
      "    }",
      ...(ctor.inputs.length > 0 ? [""] : []),
      ...properties(ctor.inputs, docs.dev.methods?.constructor?.params, false),
      "}",
    ]),
  };
}

// ---------------------------------------------------------------- main

const docs = natspec();
const outputs = {};
const sharedAbi = [];
for (const artifactFile of fs.readdirSync(artifactsDir).filter((f) => f.endsWith(".json")).sort()) {
  const artifact = JSON.parse(fs.readFileSync(path.join(artifactsDir, artifactFile), "utf8"));
  const name = artifact.contractName;
  const contractDocs = docs[name] ?? { user: {}, dev: {} };
  const own = [];
  for (const entry of artifact.abi) {
    if (isShared(entry)) {
      if (!sharedAbi.some((e) => e.entry.type === entry.type && signature(e.entry) === signature(entry))) sharedAbi.push({ entry, docs: contractDocs });
    } else {
      own.push(entry);
    }
  }
  outputs[name] = {
    ...functionFiles(name, own, contractDocs),
    ...eventFiles(name, own, contractDocs),
    ...errorFiles(name, own, contractDocs),
    ...deploymentFile(name, artifact.abi, contractDocs),
  };
}
// shared members: documented from the first contract that declares them
const sharedFiles = {};
for (const { entry, docs: d } of sharedAbi) {
  Object.assign(
    sharedFiles,
    entry.type === "function" ? functionFiles(shared.folder, [entry], d) : entry.type === "event" ? eventFiles(shared.folder, [entry], d) : errorFiles(shared.folder, [entry], d),
  );
}
outputs[shared.folder] = sharedFiles;

let count = 0;
for (const [folder, files] of Object.entries(outputs)) {
  const dir = path.join(here, folder);
  fs.mkdirSync(dir, { recursive: true });
  for (const [fileName, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, fileName), text);
    count++;
  }
}
console.log(`wrote ${count} definition files to ${path.relative(process.cwd(), here) || "."}`);
