'use client';

import { ErrorPage, errorDigest } from '@/components/error-page';

/** A page segment failed to render; the header and the wallet connection above it still work. */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPage digest={errorDigest(error)} onRetry={retry} />;
}
