import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, createNonce, type ContentSecurityPolicyInput } from './content-security-policy';

const NONCE = 'q83vEjRWeJq83vEjRWeJqw==';
const BASE: ContentSecurityPolicyInput = { rpcUrl: 'http://127.0.0.1:8545', walletConnectProjectId: null, nonce: NONCE, dev: false };

/** The policy as directive name → source list, failing on a directive given twice (browsers use the first). */
function parse(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `${name} appears twice`).toBe(false);
    directives.set(name, sources);
  }
  return directives;
}

const directive = (input: Partial<ContentSecurityPolicyInput>, name: string) => parse(buildContentSecurityPolicy({ ...BASE, ...input })).get(name);

describe('buildContentSecurityPolicy', () => {
  it('runs only inline scripts carrying this response’s nonce and script files from this origin', () => {
    expect(directive({}, 'script-src')).toEqual(["'self'", `'nonce-${NONCE}'`]);
  });

  it('never allows inline scripts, eval or scripts from any host or scheme', () => {
    for (const dev of [false, true]) {
      for (const walletConnectProjectId of [null, 'abc123']) {
        const policy = parse(buildContentSecurityPolicy({ ...BASE, dev, walletConnectProjectId }));
        const scripts = policy.get('script-src') ?? [];
        expect(scripts).not.toContain("'unsafe-inline'");
        // It would let any running script add inline scripts and scripts from any host.
        expect(scripts).not.toContain("'strict-dynamic'");
        expect(scripts.filter((source) => /\*|:/.test(source) && !source.startsWith("'nonce-"))).toEqual([]);
        expect(policy.get('default-src')).toEqual(["'self'"]);
      }
    }
  });

  it("allows 'unsafe-eval' only in next dev", () => {
    expect(directive({ dev: false }, 'script-src')).not.toContain("'unsafe-eval'");
    expect(directive({ dev: true }, 'script-src')).toContain("'unsafe-eval'");
  });

  it('lets the page connect to itself and to the configured RPC endpoint’s origin only', () => {
    expect(directive({}, 'connect-src')).toEqual(["'self'", 'http://127.0.0.1:8545']);
    // The path (which may hold a provider's API key) stays out of the header; the origin suffices.
    expect(directive({ rpcUrl: 'https://base-sepolia.example.com/v2/secret-key' }, 'connect-src')).toEqual([
      "'self'",
      'https://base-sepolia.example.com',
    ]);
    expect(directive({ rpcUrl: null }, 'connect-src')).toEqual(["'self'"]);
    expect(directive({ rpcUrl: 'not a url' }, 'connect-src')).toEqual(["'self'"]);
  });

  it('allows WalletConnect’s services only when a project id is configured', () => {
    const without = buildContentSecurityPolicy({ ...BASE, walletConnectProjectId: null });
    expect(without).not.toMatch(/walletconnect/i);
    expect(buildContentSecurityPolicy({ ...BASE, walletConnectProjectId: '' })).not.toMatch(/walletconnect/i);

    const connect = directive({ walletConnectProjectId: 'abc123' }, 'connect-src');
    expect(connect).toEqual(expect.arrayContaining(["'self'", 'http://127.0.0.1:8545', 'wss://relay.walletconnect.org', 'https://*.walletconnect.org']));
    expect(directive({ walletConnectProjectId: 'abc123' }, 'frame-src')).toContain('https://verify.walletconnect.org');
    // Nothing else is widened for WalletConnect.
    expect(directive({ walletConnectProjectId: 'abc123' }, 'script-src')).toEqual(directive({}, 'script-src'));
    expect(directive({ walletConnectProjectId: 'abc123' }, 'img-src')).toEqual(directive({}, 'img-src'));
  });

  it('frames only local blob: documents (decrypted PDFs), embeds nothing, and is never framed itself', () => {
    expect(directive({}, 'frame-src')).toEqual(['blob:']);
    expect(directive({}, 'object-src')).toEqual(["'none'"]);
    expect(directive({}, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive({}, 'base-uri')).toEqual(["'self'"]);
    expect(directive({}, 'form-action')).toEqual(["'self'"]);
    expect(directive({}, 'worker-src')).toEqual(["'self'"]);
    expect(directive({}, 'img-src')).toEqual(["'self'", 'blob:', 'data:']);
  });

  it('refuses a nonce that could break out of the source list', () => {
    expect(() => buildContentSecurityPolicy({ ...BASE, nonce: "abc' 'unsafe-inline" })).toThrow(TypeError);
    expect(() => buildContentSecurityPolicy({ ...BASE, nonce: `${NONCE}; script-src *` })).toThrow(TypeError);
    expect(() => buildContentSecurityPolicy({ ...BASE, nonce: '' })).toThrow(TypeError);
  });
});

describe('createNonce', () => {
  it('is 128 random bits in base64, different every time, and accepted by the policy', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
      expect(buildContentSecurityPolicy({ ...BASE, nonce })).toContain(`'nonce-${nonce}'`);
    }
  });
});
