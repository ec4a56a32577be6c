// Writes openzeppelin-merkle-tree-vectors.json: roots, tree arrays, leaf hashes and proofs that
// @openzeppelin/merkle-tree 1.0.8 computes for fixed pseudo-random values, which MerkleTreeTests
// compares with the C# tree. Not part of the build; to regenerate (outside the repository):
//   mkdir /tmp/oz && cd /tmp/oz && npm init -y && npm install --no-save @openzeppelin/merkle-tree@1.0.8
//   node <repo>/tests/MLGov.Contracts.Chain.Tests/Merkle/generate-vectors.mjs > openzeppelin-merkle-tree-vectors.json
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak256 } from "ethereum-cryptography/keccak.js";
import { utf8ToBytes, bytesToHex } from "ethereum-cryptography/utils.js";

// Deterministic pseudo-random numbers (xorshift32), so the vectors can be regenerated identically.
let state = 0x2545F491;
function next() { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state; }
function hex(bytes) { let s = ""; for (let i = 0; i < bytes; i++) s += (next() & 0xff).toString(16).padStart(2, "0"); return s; }
const address = () => "0x" + hex(20);
const kh = (text) => "0x" + bytesToHex(keccak256(utf8ToBytes(text)));
const amounts = () => {
  const r = next() % 5;
  if (r === 0) return "0";
  if (r === 1) return String(next());
  if (r === 2) return BigInt("0x" + hex(32)).toString();
  if (r === 3) return (2n ** 256n - 1n).toString();
  return String(next() % 1000);
};

function distribution(n, duplicates = false) {
  const tokens = [address(), address()];
  const values = [];
  for (let i = 0; i < n; i++) values.push([address(), tokens[i % 2], amounts()]);
  if (duplicates && n > 1) values[n - 1] = [...values[0]];
  return values;
}
function votes(n) {
  const choices = ["yes", "no", "abstain"].map(kh);
  const values = [];
  for (let i = 0; i < n; i++) values.push([address(), choices[next() % 3], amounts()]);
  return values;
}
function vector(name, encoding, values) {
  const tree = StandardMerkleTree.of(values, encoding);
  const dump = tree.dump();
  return {
    name, leafEncoding: encoding, root: tree.root,
    values: values.map((v, i) => ({ value: v, treeIndex: dump.values[i].treeIndex, leaf: tree.leafHash(v), proof: tree.getProof(i) })),
    tree: dump.tree,
  };
}
const vectors = [];
for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 16, 33]) vectors.push(vector(`distribution-${n}`, ["address", "address", "uint256"], distribution(n)));
vectors.push(vector("distribution-duplicates-6", ["address", "address", "uint256"], distribution(6, true)));
for (const n of [1, 2, 3, 6, 11, 20]) vectors.push(vector(`votes-${n}`, ["address", "bytes32", "uint256"], votes(n)));
process.stdout.write(JSON.stringify({
  generator: "@openzeppelin/merkle-tree 1.0.8, StandardMerkleTree.of(values, leafEncoding) with default options; values from a fixed xorshift32 seed",
  vectors,
}, null, 1) + "\n");
