import { E2E_PORT_VARIABLES, portsFromEnv } from '../scripts/lib/ports';

/**
 * Ports the end-to-end stack uses: 18545 (anvil), 15001 (IPFS), 3107 (web), away from the demo's.
 * E2E_ANVIL_PORT, E2E_IPFS_PORT and E2E_WEB_PORT move them, so two checkouts can run Playwright side by
 * side; Playwright's config, its workers and the stack it starts all read the same environment.
 */
export const E2E_PORTS = portsFromEnv(process.env, E2E_PORT_VARIABLES);

export const E2E_RPC_URL = `http://127.0.0.1:${E2E_PORTS.anvil}`;
