/**
 * Headers that only make sense when the app is reached over https: HSTS (a browser that saw it
 * never falls back to plain http, where a network attacker could rewrite the page that holds the
 * keys) and Cross-Origin-Opener-Policy (a page on another origin that opened or was opened by
 * Chartkey cannot reach into its window). On the plain-http demo HSTS is meaningless and COOP
 * isolation is not available for http origins other than localhost, so neither is sent there.
 */

/** Two years, the preload list's recommendation; no `preload`, which is an operator's decision. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/**
 * `same-origin-allow-popups`: wallet connectors (Coinbase's smart wallet, WalletConnect's modal)
 * open a popup and talk to it through `window.opener`; plain `same-origin` would sever that.
 */
export const OPENER_POLICY = 'same-origin-allow-popups';

export type RequestTransport = {
  /** The protocol the server saw (`https:` when it terminates TLS itself). */
  readonly protocol: string;
  /** `X-Forwarded-Proto` from a TLS-terminating proxy in front of the app, if any. */
  readonly forwardedProto: string | null;
};

/** True when the browser reached the app over https, directly or through a proxy. */
export function servedOverHttps({ protocol, forwardedProto }: RequestTransport): boolean {
  // A chain of proxies lists protocols from the client outwards; the first is the browser's.
  const outermost = forwardedProto?.split(',')[0]?.trim().toLowerCase();
  return outermost ? outermost === 'https' : protocol === 'https:';
}

export function transportSecurityHeaders(transport: RequestTransport): Record<string, string> {
  if (!servedOverHttps(transport)) return {};
  return {
    'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
    'Cross-Origin-Opener-Policy': OPENER_POLICY,
  };
}
