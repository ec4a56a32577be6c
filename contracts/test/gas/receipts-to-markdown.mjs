// Turns a forge broadcast record (run-latest.json) into a markdown table of gas used per transaction,
// in the order the scenario sent them. Usage: node receipts-to-markdown.mjs <run-latest.json>
import fs from "node:fs";

const run = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const receipts = new Map(run.receipts.map((r) => [r.transactionHash.toLowerCase(), r]));
const names = new Map();
const rows = [];
for (const tx of run.transactions) {
  const receipt = receipts.get(tx.hash.toLowerCase());
  if (!receipt) throw new Error(`no receipt for ${tx.hash}`);
  if (receipt.status !== "0x1") throw new Error(`transaction ${tx.hash} failed`);
  if (tx.contractAddress && tx.contractName) names.set(tx.contractAddress.toLowerCase(), tx.contractName);
  const contract = tx.transactionType === "CREATE" ? tx.contractName : names.get((tx.contractAddress ?? "").toLowerCase()) ?? tx.contractName ?? "?";
  const call = tx.transactionType === "CREATE" ? "(deploy)" : (tx.function ?? "?").replace(/\(.*$/, "");
  const args = tx.transactionType === "CREATE" ? "" : (tx.arguments ?? []).map((a) => (a.length > 24 ? a.slice(0, 10) + "…" : a)).join(", ");
  rows.push(`| ${contract} | ${call} | ${args} | ${BigInt(receipt.gasUsed).toLocaleString("en-US")} |`);
}
console.log("| contract | call | arguments (abridged) | gas used |");
console.log("| --- | --- | --- | ---: |");
for (const row of rows) console.log(row);
