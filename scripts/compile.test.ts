import { describe, expect, it } from 'vitest';
import { checkGeneratedAbi } from './compile';
import { CompileError, compileContracts, GENERATED_HEADER, renderAbiModules } from './lib/solc';

describe('scripts/compile', () => {
  it('contracts-abi/ on disk matches what the Solidity sources compile to (run `npx tsx scripts/compile.ts` if this fails)', () => {
    const { statuses } = checkGeneratedAbi();
    expect(statuses.map((s) => s.file).sort()).toEqual(['ChartkeyConsent.ts', 'index.ts']);
    expect(statuses.filter((s) => !s.upToDate)).toEqual([]);
  });

  it('renders byte-identical modules on every run, with the generated header and typed exports', () => {
    const first = renderAbiModules(compileContracts().contracts);
    const second = renderAbiModules(compileContracts().contracts);
    expect([...second]).toEqual([...first]);
    const consent = first.get('ChartkeyConsent.ts') ?? '';
    expect(consent.startsWith(GENERATED_HEADER)).toBe(true);
    expect(consent).toMatch(/export const chartkeyConsentAbi = \[[\s\S]*\] as const;/);
    expect(consent).toMatch(/export const chartkeyConsentBytecode: `0x\$\{string\}` = '0x[0-9a-f]+';/);
    expect(first.get('index.ts')).toBe(`${GENERATED_HEADER}\n\nexport * from './ChartkeyConsent';\n`);
  });

  it('fails loudly with the compiler’s message on a broken source', () => {
    const broken = 'pragma solidity ^0.8.24;\ncontract Broken { function f() external { undefinedThing(); } }\n';
    expect(() => compileContracts(['contracts/Broken.sol'], () => broken)).toThrow(CompileError);
    expect(() => compileContracts(['contracts/Broken.sol'], () => broken)).toThrow(/Undeclared identifier/);
  });

  it('resolves OpenZeppelin imports from node_modules', () => {
    const source = 'pragma solidity ^0.8.24;\nimport {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";\ncontract Owned is Ownable { constructor() Ownable(msg.sender) {} }\n';
    const { contracts } = compileContracts(['contracts/Owned.sol'], () => source);
    expect(contracts.map((c) => c.name)).toEqual(['Owned']);
    expect(contracts[0]?.bytecode).toMatch(/^0x[0-9a-f]{100,}$/);
  });
});
