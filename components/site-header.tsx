import Link from 'next/link';
import { LockButton } from './keys/lock-button';
import { WalletButton } from './wallet/wallet-button';

export function SiteHeader({ chainName }: { chainName: string }) {
  return (
    <header className="border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
      <div className="mx-auto flex w-full max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <div className="flex items-center gap-6">
          <Link href="/" className="text-lg font-semibold tracking-tight text-brand-700 dark:text-brand-100">
            Chartkey
          </Link>
          <nav aria-label="Main" className="flex gap-4 text-sm font-medium">
            <Link href="/patient" className="hover:text-brand-700 dark:hover:text-brand-100">
              My records
            </Link>
            <Link href="/clinician" className="hover:text-brand-700 dark:hover:text-brand-100">
              For clinicians
            </Link>
            <Link href="/attester" className="hover:text-brand-700 dark:hover:text-brand-100">
              Verify clinicians
            </Link>
          </nav>
        </div>
        <div className="flex items-center gap-3">
          <span className="hidden text-xs text-slate-500 dark:text-slate-400 sm:inline dark:text-slate-400">{chainName}</span>
          <LockButton />
          <WalletButton />
        </div>
      </div>
    </header>
  );
}
