/**
 * Regenerates the known-answer vectors in this folder. Run only when the format deliberately
 * changes (which also means a new format version): `npx tsx lib/crypto/vectors/generate-vectors.ts`.
 * The vectors are checked by ../vectors.test.ts, including with independent implementations.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { utf8 } from '../bytes';
import { encryptRecord } from '../envelope';
import type { RecordMetadata } from '../envelope-format';
import { deriveKeyPairFromSignature, keyDerivationMessage } from '../keys';
import { sealLocator } from '../locator';
import { deterministicBytes } from './deterministic-bytes';
import type { EnvelopeVector, KeyDerivationVector, LocatorVector, PlaintextSpec } from './vector-types';
import nacl from 'tweetnacl';

const CONTENT_KEY: Hex = '0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const NONCE_PREFIX: Hex = '0xa0a1a2a3a4a5a6a7a8a9aaabacadaeaf';
// The local chain's well-known demo patient account (public test key, never a real account).
const DEMO_PATIENT_PRIVATE_KEY: Hex = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';

function plaintextOf(spec: PlaintextSpec): Uint8Array {
  return spec.type === 'utf8' ? utf8(spec.text) : deterministicBytes(spec.seed, spec.length);
}

async function envelopeVector(
  name: string,
  plaintext: PlaintextSpec,
  metadata: Omit<RecordMetadata, 'size'>,
  storeEnvelopeHex: boolean,
  exactAcrossImplementations: boolean,
): Promise<EnvelopeVector> {
  const bytes = plaintextOf(plaintext);
  const fullMetadata: RecordMetadata = {
    name: metadata.name,
    mediaType: metadata.mediaType,
    size: bytes.length,
    createdAt: metadata.createdAt,
    kind: metadata.kind,
  };
  const { envelope } = await encryptRecord(bytes, fullMetadata, {
    contentKey: hexToBytes(CONTENT_KEY),
    noncePrefix: hexToBytes(NONCE_PREFIX),
  });
  return {
    name,
    contentKey: CONTENT_KEY,
    noncePrefix: NONCE_PREFIX,
    metadata: fullMetadata,
    plaintext,
    plaintextSha256: bytesToHex(sha256(bytes)),
    envelopeLength: envelope.length,
    envelopeSha256: bytesToHex(sha256(envelope)),
    envelopeHex: storeEnvelopeHex ? bytesToHex(envelope) : null,
    exactAcrossImplementations,
  };
}

async function main(): Promise<void> {
  const dir = __dirname;
  const envelopes: EnvelopeVector[] = [
    await envelopeVector('empty', { type: 'utf8', text: '' }, { name: 'empty.txt', mediaType: 'text/plain', createdAt: 1_700_000_000_000, kind: 'note' }, true, true),
    await envelopeVector(
      'short-note',
      { type: 'utf8', text: 'BP 118/76, pulse 64. Follow up in 3 months.' },
      { name: 'Checkup note — März.txt', mediaType: 'text/plain', createdAt: 1_714_000_000_000, kind: 'note' },
      true,
      true,
    ),
    await envelopeVector(
      'compressed-fhir',
      { type: 'utf8', text: JSON.stringify({ resourceType: 'Bundle', entry: Array.from({ length: 40 }, (_, i) => ({ resource: { resourceType: 'Observation', id: `obs-${i}`, status: 'final', code: { text: 'Heart rate' }, valueQuantity: { value: 60 + (i % 7), unit: 'beats/minute' } } })) }) },
      { name: 'observations.json', mediaType: 'application/fhir+json', createdAt: 1_714_000_000_000, kind: 'fhir' },
      true,
      // Raw DEFLATE output is not unique: another zlib version or browser may compress the
      // same text differently. Decryption of these bytes is exact everywhere.
      false,
    ),
    await envelopeVector(
      'multi-chunk',
      { type: 'deterministic', seed: 'chartkey/vector/multi-chunk', length: 150_000 },
      { name: 'scan.png', mediaType: 'image/png', createdAt: 1_714_000_000_000, kind: 'image' },
      false,
      true,
    ),
  ];
  writeFileSync(join(dir, 'envelope-v1.json'), `${JSON.stringify({ format: 'chartkey-envelope-v1', vectors: envelopes }, null, 2)}\n`);

  const account = privateKeyToAccount(DEMO_PATIENT_PRIVATE_KEY);
  const message = keyDerivationMessage({ chainId: 31337, address: account.address });
  const signature = await account.signMessage({ message });
  const keyPair = deriveKeyPairFromSignature(signature);
  const keyVector: KeyDerivationVector = {
    chainId: 31337,
    address: account.address,
    message,
    signature,
    secretKey: bytesToHex(keyPair.secretKey),
    publicKey: bytesToHex(keyPair.publicKey),
  };
  writeFileSync(join(dir, 'key-derivation-v1.json'), `${JSON.stringify(keyVector, null, 2)}\n`);

  const readerSecretKey: Hex = '0x1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100';
  const ephemeralSecretKey: Hex = '0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f';
  const reader = nacl.box.keyPair.fromSecretKey(hexToBytes(readerSecretKey));
  const cid = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';
  const sealed = sealLocator({ cid, contentKey: hexToBytes(CONTENT_KEY) }, reader.publicKey, {
    ephemeralSecretKey: hexToBytes(ephemeralSecretKey),
  });
  const locatorVector: LocatorVector = {
    readerSecretKey,
    readerPublicKey: bytesToHex(reader.publicKey),
    ephemeralSecretKey,
    cid,
    contentKey: CONTENT_KEY,
    sealed: bytesToHex(sealed),
  };
  writeFileSync(join(dir, 'locator-v1.json'), `${JSON.stringify(locatorVector, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
