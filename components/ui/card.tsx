import type { ReactNode } from 'react';

export function Card({ title, description, children, headingLevel = 2 }: { title: string; description?: ReactNode; children?: ReactNode; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <Heading className="text-base font-semibold">{title}</Heading>
      {description && <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</div>}
      {children && <div className="mt-4">{children}</div>}
    </section>
  );
}
