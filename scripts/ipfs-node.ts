/**
 * Runs the embedded IPFS node (Helia, offline, blocks on disk) with a Kubo-compatible RPC API,
 * for development and demos when no Kubo node is configured.
 *
 *   npx tsx scripts/ipfs-node.ts [--port 5001] [--host 127.0.0.1] [--repo .chartkey/ipfs] [--quiet]
 *
 * Prints the API URL (set IPFS_API_URL to it if it is not the default) and stops cleanly on
 * Ctrl-C / SIGTERM. To use a real Kubo node instead, run `ipfs daemon` and skip this script:
 * the app only needs IPFS_API_URL.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_API_PORT, DEFAULT_REPO_DIR, startEmbeddedIpfs } from './lib/embedded-ipfs';

const USAGE = 'Usage: npx tsx scripts/ipfs-node.ts [--port 5001] [--host 127.0.0.1] [--repo .chartkey/ipfs] [--quiet]';

function readOptions(): { port: number; host: string; repoDir: string; quiet: boolean } {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_API_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      repo: { type: 'string', default: DEFAULT_REPO_DIR },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number (0-65535).\n${USAGE}`);
  return { port, host: values.host, repoDir: values.repo, quiet: values.quiet };
}

async function main(): Promise<void> {
  const options = readOptions();
  const node = await startEmbeddedIpfs(options);
  console.log(`Embedded IPFS node (Helia, offline) ready.`);
  console.log(`  RPC API:  ${node.apiUrl}   (IPFS_API_URL=${node.apiUrl})`);
  console.log(`  Peer ID:  ${node.peerId}`);
  console.log(`  Repo:     ${options.repoDir}`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping the IPFS node…`);
    node.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') {
    console.error('That port is already in use (is another IPFS node running?). Choose another with --port.');
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});
