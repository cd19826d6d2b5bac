import { connection } from 'next/server';
import { deploymentFor } from '@/lib/consent/deployments';
import { readPublicConfig, type PublicConfig } from './public-config';

/**
 * The deployment's public configuration, read from the server's environment at request time
 * (`connection()` opts the caller out of build-time prerendering so a built app can be pointed
 * at another chain by changing environment variables only).
 */
export async function getPublicConfig(): Promise<PublicConfig> {
  await connection();
  return readPublicConfig(process.env, deploymentFor);
}
