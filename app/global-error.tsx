'use client';

import { ErrorPage, errorDigest } from '@/components/error-page';
import './globals.css';

/**
 * The root layout itself failed (for example the server's configuration cannot be read, see
 * lib/config/server-config.ts): this replaces it, so it brings its own document and uses nothing
 * that needs the layout's providers.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <title>Chartkey is unavailable</title>
        <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">
          <ErrorPage digest={errorDigest(error)} onRetry={retry} />
        </main>
      </body>
    </html>
  );
}
