import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

const WHERE_DATA_LIVES = [
  {
    place: 'Only in your browser',
    what: 'Your files and their names, your encryption key (recreated from a wallet signature each visit, kept in memory only).',
  },
  {
    place: 'On IPFS storage',
    what: 'Encrypted files, padded so their size says little. Without a key they are unreadable noise.',
  },
  {
    place: 'On the blockchain',
    what: 'Public encryption keys, record numbers, who may read which record until when, and sealed keys only the reader can open. No names, no file types, no health information.',
  },
];

export default function HomePage() {
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Your health records. Your keys.</h1>
        <p className="max-w-2xl text-slate-600 dark:text-slate-300">
          Chartkey keeps your records encrypted in your own browser and lets you share them with a clinician for as long as
          you choose. You can take access back at any time, and every change is on record.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link href="/patient" className={buttonClasses('primary')}>Open my records</Link>
          <Link href="/clinician" className={buttonClasses('secondary')}>I am a clinician</Link>
        </div>
      </section>
      <section aria-labelledby="where-heading" className="space-y-3">
        <h2 id="where-heading" className="text-lg font-semibold">Where your data lives</h2>
        <dl className="grid gap-4 sm:grid-cols-3">
          {WHERE_DATA_LIVES.map((item) => (
            <div key={item.place} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <dt className="font-medium">{item.place}</dt>
              <dd className="mt-1 text-sm text-slate-600 dark:text-slate-400">{item.what}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
