/**
 * Where the Kubo RPC API lives, from the server's environment.
 */
import 'server-only';
import { ErrorCodes } from '@/lib/errors/codes';
import { UserFacingError } from '@/lib/errors/user-facing-error';

/** Kubo's default RPC address; also where `scripts/ipfs-node.ts` listens by default. */
export const DEFAULT_IPFS_API_URL = 'http://127.0.0.1:5001';

/**
 * The IPFS configuration in the environment is unusable. The message is for the operator (it names
 * the variable); the route answers people with its own sentence.
 */
export class IpfsConfigError extends UserFacingError {
  constructor(message: string) {
    super(ErrorCodes.storage.misconfigured, message);
    this.name = 'IpfsConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The Kubo RPC base URL from `IPFS_API_URL` (default `http://127.0.0.1:5001`): an http(s) URL,
 * optionally with a path for services that mount the API elsewhere (default path `/api/v0`).
 * Returned without a trailing slash. Credentials in the URL are refused (fetch rejects them);
 * put them in `IPFS_API_AUTHORIZATION` instead.
 */
export function ipfsApiUrl(env: Env = process.env): string {
  const raw = env.IPFS_API_URL?.trim();
  if (raw === undefined || raw === '') return DEFAULT_IPFS_API_URL;

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new IpfsConfigError(`IPFS_API_URL is not a valid URL. Use the node's RPC address, for example ${DEFAULT_IPFS_API_URL}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IpfsConfigError(`IPFS_API_URL must start with http:// or https://, for example ${DEFAULT_IPFS_API_URL}.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new IpfsConfigError(
      'IPFS_API_URL must not contain a user name or password. Put the credentials in IPFS_API_AUTHORIZATION (the full Authorization header value) instead.',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new IpfsConfigError('IPFS_API_URL must not contain a query string or fragment.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/**
 * Optional `Authorization` header value for Kubo-compatible pinning services that require one
 * (for example `Basic …` or `Bearer …`). Undefined for a local node.
 */
export function ipfsApiAuthorization(env: Env = process.env): string | undefined {
  const value = env.IPFS_API_AUTHORIZATION?.trim();
  return value === undefined || value === '' ? undefined : value;
}
