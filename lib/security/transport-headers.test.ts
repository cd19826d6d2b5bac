import { describe, expect, it } from 'vitest';
import { servedOverHttps, transportSecurityHeaders } from './transport-headers';

describe('transport security headers', () => {
  it('sends HSTS and an opener policy when the browser came over https, directly or through a proxy', () => {
    for (const transport of [
      { protocol: 'https:', forwardedProto: null },
      { protocol: 'http:', forwardedProto: 'https' },
      { protocol: 'http:', forwardedProto: 'HTTPS, http' },
    ]) {
      const headers = transportSecurityHeaders(transport);
      expect(headers['Strict-Transport-Security'], JSON.stringify(transport)).toMatch(/^max-age=\d{8}; includeSubDomains$/);
      expect(headers['Cross-Origin-Opener-Policy'], JSON.stringify(transport)).toBe('same-origin-allow-popups');
    }
  });

  it('sends neither on plain http (the local demo), where HSTS would be ignored and could lock out a later http setup', () => {
    expect(transportSecurityHeaders({ protocol: 'http:', forwardedProto: null })).toEqual({});
    // The proxy in front says the browser used http, even if the hop to the app was TLS.
    expect(servedOverHttps({ protocol: 'https:', forwardedProto: 'http' })).toBe(false);
  });
});
