'use client';

import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { tabAfterKey } from '@/lib/navigation/tabs';

export type TabItem<T extends string> = {
  readonly id: T;
  readonly label: string;
  /** A small count after the label; `spoken` is what screen readers hear instead of the bare number. */
  readonly badge?: { readonly visible: string; readonly spoken: string } | null;
};

type Props<T extends string> = {
  /** Names the tab list for assistive technology. */
  label: string;
  /** Prefix for the tabs' and panels' element ids (never the bare tab name, which is the URL hash). */
  idPrefix: string;
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect: (tab: T) => void;
  renderPanel: (tab: T) => ReactNode;
};

/**
 * WAI-ARIA tabs with automatic activation: one tab in the Tab order (roving tabindex), arrow keys
 * and Home/End move focus and selection together, each panel labelled by its tab.
 */
export function Tabs<T extends string>({ label, idPrefix, tabs, selected, onSelect, renderPanel }: Props<T>) {
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  // A panel mounts the first time it is shown and then stays, hidden: nothing loads for tabs never
  // opened, while opened ones keep their queries fresh and their work in progress (an upload, a
  // half-filled form) when the patient looks elsewhere.
  const [visited, setVisited] = useState<ReadonlySet<T>>(() => new Set([selected]));
  if (!visited.has(selected)) setVisited(new Set([...visited, selected]));

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = tabAfterKey(
      tabs.map((tab) => tab.id),
      selected,
      event.key,
    );
    if (next === null) return;
    event.preventDefault();
    onSelect(next);
    buttons.current.get(next)?.focus();
  }

  return (
    <div>
      <div role="tablist" aria-label={label} className="flex flex-wrap gap-2" onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const isSelected = tab.id === selected;
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`${idPrefix}-tab-${tab.id}`}
              aria-selected={isSelected}
              aria-controls={`${idPrefix}-panel-${tab.id}`}
              tabIndex={isSelected ? 0 : -1}
              ref={(element) => {
                if (element) buttons.current.set(tab.id, element);
                else buttons.current.delete(tab.id);
              }}
              onClick={() => onSelect(tab.id)}
              className={`inline-flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm font-medium whitespace-nowrap ${
                isSelected
                  ? 'border-brand-700 bg-brand-700 text-white dark:border-brand-100 dark:bg-brand-100 dark:text-slate-950'
                  : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800'
              }`}
            >
              <span>{tab.label}</span>
              {tab.badge && (
                <>
                  <span
                    aria-hidden="true"
                    className={`rounded-full px-1.5 text-xs font-semibold ${isSelected ? 'bg-white text-brand-800 dark:bg-slate-950 dark:text-brand-100' : 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100'}`}
                    data-testid="tab-badge"
                  >
                    {tab.badge.visible}
                  </span>
                  {/* Its own item in the flex row, so the name reads "Requests (2 waiting for your answer)". */}
                  <span className="sr-only">({tab.badge.spoken})</span>
                </>
              )}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${idPrefix}-panel-${tab.id}`}
          aria-labelledby={`${idPrefix}-tab-${tab.id}`}
          hidden={tab.id !== selected}
          tabIndex={0}
          className="mt-6 space-y-6"
          data-testid={`tabpanel-${tab.id}`}
        >
          {visited.has(tab.id) ? renderPanel(tab.id) : null}
        </div>
      ))}
    </div>
  );
}
