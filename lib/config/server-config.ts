import 'server-only';
import { connection } from 'next/server';
import { deploymentFor } from '@/lib/consent/deployments';
import { ConfigError, configErrorLogLine, readPublicConfig, type PublicConfig } from './public-config';

/**
 * The deployment's public configuration, read from the server's environment at request time
 * (`connection()` opts the caller out of build-time prerendering so a built app can be pointed
 * at another chain by changing environment variables only).
 *
 * A variable that cannot be used is logged as one line naming it, then rethrown: the root layout
 * cannot render without a configuration, so `app/global-error.tsx` shows people a page instead.
 */
export async function getPublicConfig(): Promise<PublicConfig> {
  await connection();
  try {
    return readPublicConfig(process.env, deploymentFor);
  } catch (error) {
    if (error instanceof ConfigError) console.error(configErrorLogLine(error));
    throw error;
  }
}
