/**
 * The app's Content-Security-Policy, built per request by `proxy.ts`. Decrypted health data lives
 * only in the page, so the policy's two jobs are: no script runs unless the server sent it (a
 * per-request nonce for inline scripts, this origin for script files), and the page can talk only
 * to this origin, the chain's RPC endpoint the deployment configured and, when it is enabled,
 * WalletConnect.
 */

export type ContentSecurityPolicyInput = {
  /** The deployment's JSON-RPC URL (`PublicConfig.rpcUrl`): the browser reads the chain directly. */
  readonly rpcUrl: string | null;
  /** WalletConnect's services are allowed only when a project id enables WalletConnect. */
  readonly walletConnectProjectId: string | null;
  /** This response's nonce (see `createNonce`). */
  readonly nonce: string;
  /** `next dev`: React rebuilds server error stacks with eval there, never in production. */
  readonly dev: boolean;
};

/**
 * WalletConnect's relay (a WebSocket), RPC, verify and telemetry services, per Reown's CSP guidance
 * for its SDK; subdomains of both of its domains because the SDK moves between them across versions.
 */
export const WALLETCONNECT_CONNECT_SOURCES = [
  'https://*.walletconnect.org',
  'https://*.walletconnect.com',
  'wss://relay.walletconnect.org',
  'wss://relay.walletconnect.com',
] as const;

/** The SDK checks the dApp's domain by loading a hidden attestation iframe from its verify service. */
export const WALLETCONNECT_FRAME_SOURCES = ['https://verify.walletconnect.org', 'https://verify.walletconnect.com'] as const;

const NONCE_PATTERN = /^[A-Za-z0-9+/]{16,}={0,2}$/;

/** 128 random bits, base64: unguessable, and only characters a CSP nonce-source allows. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The header value for one response. */
export function buildContentSecurityPolicy(input: ContentSecurityPolicyInput): string {
  // A nonce with a quote, space or semicolon would end the source list and smuggle in directives.
  if (!NONCE_PATTERN.test(input.nonce)) throw new TypeError('The CSP nonce must be base64 of at least 12 random bytes.');
  const walletConnect = input.walletConnectProjectId !== null && input.walletConnectProjectId !== '';
  const rpcOrigin = originOf(input.rpcUrl);

  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // Inline scripts only with this response's nonce (Next.js puts it on its own); script files only
    // from this origin, where Next's chunks are. No 'strict-dynamic': browsers let it bless any script
    // element created by running code, inline or from any host, which would let an injected script
    // add more and send data out in a script URL. Every script here is same-origin, so it adds nothing.
    ['script-src', "'self'", `'nonce-${input.nonce}'`, ...(input.dev ? ["'unsafe-eval'"] : [])],
    // Style attributes (React's `style` props, RainbowKit's and the progress bars' inline sizes) can't
    // carry a nonce, and a nonce here would make browsers ignore 'unsafe-inline'. CSS cannot run
    // script or send data anywhere connect-src/img-src/font-src don't allow.
    ['style-src', "'self'", "'unsafe-inline'"],
    // Decrypted images are shown from blob: URLs; wallet icons are data: URLs.
    ['img-src', "'self'", 'blob:', 'data:'],
    ['font-src', "'self'", 'data:'],
    // The crypto worker: Turbopack starts it from a same-origin bootstrap script, not a blob:.
    ['worker-src', "'self'"],
    // Where the page may send data: this app (its /api/ipfs routes carry only ciphertext), the
    // chain's RPC endpoint and, only when enabled, WalletConnect.
    ['connect-src', "'self'", ...(rpcOrigin ? [rpcOrigin] : []), ...(walletConnect ? WALLETCONNECT_CONNECT_SOURCES : [])],
    // Decrypted PDFs are shown in an iframe from a blob: URL. Nothing uses <object>/<embed>, and
    // Chromium's PDF viewer in that iframe does not need object-src.
    ['frame-src', 'blob:', ...(walletConnect ? WALLETCONNECT_FRAME_SOURCES : [])],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/** The origin the browser will connect to for `url`, or null when there is none to allow. */
function originOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.origin;
  } catch {
    return null;
  }
}
