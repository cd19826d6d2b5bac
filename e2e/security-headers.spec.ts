import { expect, test } from './fixtures';

/**
 * Headers every HTML response must carry, checked on the production server: the Content-Security-Policy
 * also on Next's prefetch requests, and HSTS with an opener policy only when the browser came over https
 * (here through a TLS-terminating proxy's X-Forwarded-Proto, as a real deployment would be reached).
 */
const PAGES = ['/', '/patient', '/clinician', '/attester'] as const;
const PREFETCH_HEADERS = [
  { RSC: '1', 'Next-Router-Prefetch': '1' },
  { RSC: '1', Purpose: 'prefetch' },
] as const;

test('every page and every prefetch of it carries the Content-Security-Policy', async ({ request }) => {
  for (const path of PAGES) {
    const page = await request.get(path);
    expect(page.status(), path).toBe(200);
    expect(page.headers()['content-security-policy'], path).toContain("script-src 'self' 'nonce-");
    for (const headers of PREFETCH_HEADERS) {
      const prefetch = await request.get(path, { headers });
      expect(prefetch.status(), `${path} ${JSON.stringify(headers)}`).toBe(200);
      expect(prefetch.headers()['content-security-policy'], `${path} ${JSON.stringify(headers)}`).toContain("frame-ancestors 'none'");
    }
  }
});

test('HSTS and Cross-Origin-Opener-Policy are sent over https and not on the plain-http demo', async ({ request }) => {
  for (const path of PAGES) {
    const overHttps = (await request.get(path, { headers: { 'X-Forwarded-Proto': 'https' } })).headers();
    expect(overHttps['strict-transport-security'], path).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(overHttps['cross-origin-opener-policy'], path).toBe('same-origin-allow-popups');

    const plain = (await request.get(path)).headers();
    expect(plain['strict-transport-security'], path).toBeUndefined();
    expect(plain['cross-origin-opener-policy'], path).toBeUndefined();
  }
});
