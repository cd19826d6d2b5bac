import { NextResponse, type NextRequest } from 'next/server';
import { deploymentFor } from '@/lib/consent/deployments';
import { readPublicConfig, type PublicConfig } from '@/lib/config/public-config';
import { buildContentSecurityPolicy, createNonce } from '@/lib/security/content-security-policy';
import { transportSecurityHeaders } from '@/lib/security/transport-headers';

/**
 * Sends each page with its own Content-Security-Policy. Next.js reads the nonce from the request's
 * CSP header while rendering and puts it on its own scripts, so the same value goes both ways.
 */
export function proxy(request: NextRequest) {
  const config = publicConfigOrNull();
  const policy = buildContentSecurityPolicy({
    rpcUrl: config?.rpcUrl ?? null,
    walletConnectProjectId: config?.walletConnectProjectId ?? null,
    nonce: createNonce(),
    dev: process.env.NODE_ENV === 'development',
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  const transport = { protocol: request.nextUrl.protocol, forwardedProto: request.headers.get('x-forwarded-proto') };
  for (const [name, value] of Object.entries(transportSecurityHeaders(transport))) response.headers.set(name, value);
  return response;
}

/** A broken configuration is reported by the page itself; its policy then allows no other origin. */
function publicConfigOrNull(): PublicConfig | null {
  try {
    return readPublicConfig(process.env, deploymentFor);
  } catch {
    return null;
  }
}

export const config = {
  matcher: [
    // Pages only: API routes answer with JSON or ciphertext, never a document a policy could protect,
    // and static chunks are covered by the policy of the page that loads them. Prefetches get the
    // policy too: a prefetched page can be shown without another request, and it must not be the one
    // HTML response without a policy.
    '/((?!api/|_next/static/|_next/image|favicon.ico).*)',
  ],
};
