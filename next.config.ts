import type { NextConfig } from 'next';

// Optional x402 payment modules imported (never used by us) deep inside @coinbase/cdp-sdk, which
// wagmi's Base Account connector pulls in through RainbowKit. They aren't installed; resolve them
// to an empty module so the build succeeds.
const OPTIONAL_X402_MODULES = [
  '@x402/core/client',
  '@x402/evm',
  '@x402/evm/exact/client',
  '@x402/evm/exact/v1/client',
  '@x402/evm/upto/client',
  '@x402/svm/exact/client',
  '@x402/svm/exact/v1/client',
  '@x402/svm/upto/client',
];

const nextConfig: NextConfig = {
  // Lets a benchmark or a second build run beside the main one without clobbering it.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  turbopack: {
    resolveAlias: Object.fromEntries(OPTIONAL_X402_MODULES.map((name) => [name, './lib/shims/empty-module.cjs'])),
  },
  poweredByHeader: false,
  reactStrictMode: true,
  // Helia and its libp2p dependencies are only used by the embedded IPFS node script, never by
  // the app; keep kubo-rpc-client out of the server bundle so it resolves its own Node build.
  serverExternalPackages: ['kubo-rpc-client'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // Health records: never leak the page URL to other origins, never allow framing.
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
