/** A port variable was set to something that is not a usable TCP port. */
export class PortConfigError extends Error {
  readonly code = 'config.bad-port';
  override name = 'PortConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** The port in `env[name]`, or `fallback` when it is unset or blank. Anything but 1–65535 is refused. */
export function portFromEnv(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new PortConfigError(`${name} must be a TCP port number (1–65535), not "${raw}".`);
  }
  return port;
}

/**
 * Reads a set of ports at once, e.g. `{ web: ['PORT', 3000], … }`, and refuses two services on one
 * port: that would otherwise surface later as a confusing "address in use" from whichever started second.
 */
export function portsFromEnv<K extends string>(env: Env, spec: Readonly<Record<K, readonly [name: string, fallback: number]>>): Record<K, number> {
  const ports = {} as Record<K, number>;
  const owners = new Map<number, string>();
  for (const key of Object.keys(spec) as K[]) {
    const [name, fallback] = spec[key];
    const port = portFromEnv(env, name, fallback);
    const owner = owners.get(port);
    if (owner) throw new PortConfigError(`${owner} and ${name} are both ${port}; each service needs its own port.`);
    owners.set(port, name);
    ports[key] = port;
  }
  return ports;
}

/** `npm run demo`'s ports and the variables that move them. */
export const DEMO_PORT_VARIABLES = { anvil: ['ANVIL_PORT', 8545], ipfs: ['IPFS_PORT', 5001], web: ['PORT', 3000] } as const;

/** The end-to-end stack's ports, away from the demo's, and the variables that move them. */
export const E2E_PORT_VARIABLES = { anvil: ['E2E_ANVIL_PORT', 18545], ipfs: ['E2E_IPFS_PORT', 15001], web: ['E2E_WEB_PORT', 3107] } as const;
