// Compiles contracts/ProvenanceRegistry.sol with the pinned solc-js (node_modules/solc, no download) and
// writes ProvenanceRegistry.abi.json and ProvenanceRegistry.bin into the output directory (default:
// contracts/). The settings below are part of the committed bytecode: change them only together with it.
//   node scripts/compile-registry.mjs [outputDir]
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const moduleDir = join(here, '..');
const require = createRequire(join(moduleDir, 'package.json'));
const solc = require('solc');

const name = 'ProvenanceRegistry';
const outDir = process.argv[2] ?? join(moduleDir, 'contracts');
const input = {
  language: 'Solidity',
  sources: { [`${name}.sol`]: { content: readFileSync(join(moduleDir, 'contracts', `${name}.sol`), 'utf8') } },
  settings: {
    evmVersion: 'cancun',
    viaIR: true,
    optimizer: { enabled: true, runs: 100000 },
    metadata: { bytecodeHash: 'ipfs' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
for (const e of output.errors ?? []) {
  console.error(e.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}
const contract = output.contracts[`${name}.sol`][name];
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `${name}.abi.json`), JSON.stringify(contract.abi, null, 2) + '\n');
writeFileSync(join(outDir, `${name}.bin`), contract.evm.bytecode.object);
console.log(`solc ${solc.version()}: wrote ${name}.abi.json and ${name}.bin to ${outDir}`);
