import { describe, expect, it } from 'vitest';
import { claimFromPinName, isUnpinHex, pinNameForClaim } from './unpin-claim';

const CLAIM = '73180b754ce54594cb6b18c4eb4dcea3bdab4a557c70bcafdab22dd15ef3b5fd';

describe('removal claim format', () => {
  it('accepts exactly 64 lowercase hex characters', () => {
    expect(isUnpinHex(CLAIM)).toBe(true);
    for (const bad of ['', CLAIM.slice(1), `${CLAIM}0`, CLAIM.toUpperCase(), `0x${CLAIM.slice(2)}`, `${CLAIM.slice(1)}g`, ` ${CLAIM.slice(1)}`, null, 42]) {
      expect(isUnpinHex(bad), String(bad)).toBe(false);
    }
  });

  it('round-trips through a pin name, and reads no claim from other names', () => {
    expect(pinNameForClaim(CLAIM)).toBe(`chartkey-unpin:${CLAIM}`);
    expect(claimFromPinName(pinNameForClaim(CLAIM))).toBe(CLAIM);
    for (const other of [undefined, null, '', 'chartkey-unpin:', `chartkey-unpin:${CLAIM.toUpperCase()}`, `chartkey-unpin:${CLAIM}x`, `backup:${CLAIM}`, CLAIM]) {
      expect(claimFromPinName(other), String(other)).toBeNull();
    }
    expect(() => pinNameForClaim('nope')).toThrow(TypeError);
  });
});
