import { describe, expect, it } from 'vitest';
import { DEMO_PORT_VARIABLES, E2E_PORT_VARIABLES, PortConfigError, portFromEnv, portsFromEnv } from './ports';

describe('portFromEnv', () => {
  it('uses the fallback when the variable is unset or blank, and the value when it is a port', () => {
    expect(portFromEnv({}, 'E2E_WEB_PORT', 3107)).toBe(3107);
    expect(portFromEnv({ E2E_WEB_PORT: '  ' }, 'E2E_WEB_PORT', 3107)).toBe(3107);
    expect(portFromEnv({ E2E_WEB_PORT: ' 3207 ' }, 'E2E_WEB_PORT', 3107)).toBe(3207);
    expect(portFromEnv({ E2E_WEB_PORT: '65535' }, 'E2E_WEB_PORT', 3107)).toBe(65_535);
  });

  it.each(['0', '65536', '-1', '3.5', '1e3', 'abc', '0x10', '3000abc'])('refuses %j, naming the variable', (raw) => {
    expect(() => portFromEnv({ E2E_WEB_PORT: raw }, 'E2E_WEB_PORT', 3107)).toThrow(PortConfigError);
    expect(() => portFromEnv({ E2E_WEB_PORT: raw }, 'E2E_WEB_PORT', 3107)).toThrow(/E2E_WEB_PORT must be a TCP port/);
  });
});

describe('portsFromEnv', () => {
  const spec = E2E_PORT_VARIABLES;

  it('keeps the defaults without overrides and takes each override on its own', () => {
    expect(portsFromEnv({}, spec)).toEqual({ anvil: 18545, ipfs: 15001, web: 3107 });
    expect(portsFromEnv({ E2E_IPFS_PORT: '15101' }, spec)).toEqual({ anvil: 18545, ipfs: 15101, web: 3107 });
  });

  it('keeps the end-to-end ports away from the demo ports, so a running demo is never disturbed', () => {
    const demo = Object.values(portsFromEnv({}, DEMO_PORT_VARIABLES));
    expect(Object.values(portsFromEnv({}, spec)).filter((port) => demo.includes(port))).toEqual([]);
  });

  it('refuses two services on one port, whether set or defaulted', () => {
    expect(() => portsFromEnv({ E2E_WEB_PORT: '18545' }, spec)).toThrow(/E2E_ANVIL_PORT and E2E_WEB_PORT are both 18545/);
    expect(() => portsFromEnv({ E2E_ANVIL_PORT: '9000', E2E_IPFS_PORT: '9000' }, spec)).toThrow(PortConfigError);
  });
});
