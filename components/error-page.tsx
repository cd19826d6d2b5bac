import Link from 'next/link';
import { Button } from '@/components/ui/button';

/**
 * What people see when a page fails to render (`app/error.tsx`, `app/global-error.tsx`): what
 * happened, that their records are unaffected, and what to do. The error's own message is never
 * shown (in production Next.js replaces a server error's message anyway); the digest is a
 * reference the operator can find in the server's log.
 */
export function ErrorPage({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  return (
    <section aria-labelledby="error-heading" className="mx-auto max-w-xl space-y-4 py-8">
      <h1 id="error-heading" className="text-2xl font-semibold tracking-tight">
        This page could not be shown
      </h1>
      <p className="text-slate-700 dark:text-slate-300">
        Something went wrong on our side while loading it. Your records are safe: nothing was changed, and they stay
        encrypted.
      </p>
      <p className="text-slate-700 dark:text-slate-300">
        Try again in a moment. If it keeps happening, the site may be down or not set up correctly: tell whoever runs this
        Chartkey site{digest ? ', and give them the reference below' : ''}.
      </p>
      <div className="flex flex-wrap gap-3">
        <Button onClick={onRetry}>Try again</Button>
        <Link href="/" className="inline-flex items-center rounded-md px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 dark:text-brand-100 dark:hover:bg-slate-800">
          Go to the home page
        </Link>
      </div>
      {digest && <p className="text-xs text-slate-500 dark:text-slate-400">Reference: {digest}</p>}
    </section>
  );
}

/** The server's reference for an error that crossed from a server component, if it has one. */
export function errorDigest(error: unknown): string | undefined {
  const digest = error instanceof Error ? (error as Error & { digest?: unknown }).digest : undefined;
  return typeof digest === 'string' ? digest : undefined;
}
