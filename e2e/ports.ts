/** Ports the end-to-end stack uses; chosen away from the demo's defaults (8545, 5001, 3000). */
export const E2E_PORTS = {
  anvil: 18545,
  ipfs: 15001,
  web: 3107,
} as const;

export const E2E_RPC_URL = `http://127.0.0.1:${E2E_PORTS.anvil}`;
