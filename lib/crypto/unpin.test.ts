import { createHash, createHmac } from 'node:crypto';
import nacl from 'tweetnacl';
import { hexToBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, openLocator, sealLocator } from './index';
import { UNPIN_DERIVATION_LABEL, deriveUnpinClaim, deriveUnpinCredentials, deriveUnpinSecret, unpinClaimFor } from './unpin';
import keyVector from './vectors/key-derivation-v1.json';

// The key-derivation vector's patient key (the local chain's public demo account) and the
// envelope vectors' content key 00 01 … 1f.
const PATIENT_SECRET_KEY = hexToBytes(keyVector.secretKey as `0x${string}`);
const CONTENT_KEY = Uint8Array.from({ length: 32 }, (_, i) => i);

/** Fixed answers, computed once with node:crypto's HMAC straight from the formula in unpin.ts. */
const VECTOR = {
  secret: 'e5c7544e07bf7dbc2c1d126ee67e3566c60b7302645a730a5bf7b89f5f16927d',
  claim: '73180b754ce54594cb6b18c4eb4dcea3bdab4a557c70bcafdab22dd15ef3b5fd',
};

describe('unpin secret and claim', () => {
  it('matches the fixed test vector', () => {
    expect(UNPIN_DERIVATION_LABEL).toBe('chartkey/unpin/v1');
    expect(Buffer.from(deriveUnpinSecret(PATIENT_SECRET_KEY, CONTENT_KEY)).toString('hex')).toBe(VECTOR.secret);
    expect(deriveUnpinCredentials(PATIENT_SECRET_KEY, CONTENT_KEY)).toEqual(VECTOR);
    expect(deriveUnpinClaim(PATIENT_SECRET_KEY, CONTENT_KEY)).toBe(VECTOR.claim);
  });

  it('is HMAC-SHA256 keyed by the patient key, and the claim is SHA-256 of the secret (independent implementation)', () => {
    const contentKey = nacl.randomBytes(32);
    const secretKey = nacl.box.keyPair().secretKey;
    const expected = createHmac('sha256', secretKey).update(UNPIN_DERIVATION_LABEL, 'utf8').update(contentKey).digest();
    const secret = deriveUnpinSecret(secretKey, contentKey);
    expect(Buffer.from(secret).equals(expected)).toBe(true);
    expect(unpinClaimFor(secret)).toBe(createHash('sha256').update(expected).digest('hex'));
  });

  it('gives 64 lowercase hex characters, different per record and per patient', () => {
    const { secret, claim } = deriveUnpinCredentials(PATIENT_SECRET_KEY, CONTENT_KEY);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(claim).toMatch(/^[0-9a-f]{64}$/);
    expect(deriveUnpinCredentials(PATIENT_SECRET_KEY, nacl.randomBytes(32)).claim).not.toBe(claim);
    expect(deriveUnpinCredentials(nacl.box.keyPair().secretKey, CONTENT_KEY).claim).not.toBe(claim);
  });

  it('cannot be computed by a clinician who opens the record’s locator', () => {
    const patient = nacl.box.keyPair();
    const clinician = nacl.box.keyPair();
    const contentKey = nacl.randomBytes(32);
    const forClinician = openLocator(sealLocator({ cid: 'bafkreiexample', contentKey }, clinician.publicKey), clinician);
    expect(forClinician.contentKey).toEqual(contentKey);
    // The best a clinician can do is key the HMAC with what they hold: their own key or the content key.
    const { claim } = deriveUnpinCredentials(patient.secretKey, contentKey);
    expect(deriveUnpinCredentials(clinician.secretKey, forClinician.contentKey).claim).not.toBe(claim);
    expect(deriveUnpinCredentials(forClinician.contentKey, forClinician.contentKey).claim).not.toBe(claim);
  });

  it('refuses keys of the wrong length', () => {
    expect(() => deriveUnpinSecret(new Uint8Array(31), CONTENT_KEY)).toThrow(InvalidInputError);
    expect(() => deriveUnpinSecret(PATIENT_SECRET_KEY, new Uint8Array(33))).toThrow(InvalidInputError);
    expect(() => unpinClaimFor(new Uint8Array(16))).toThrow(InvalidInputError);
  });
});
