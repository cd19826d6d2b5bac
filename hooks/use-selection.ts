'use client';

import { useCallback, useMemo, useState } from 'react';

export type Selection<T> = {
  /** The chosen ids; a new Set after every change, so it can be a dependency. */
  readonly selected: ReadonlySet<T>;
  readonly has: (id: T) => boolean;
  /** Adds the id when `on` (a checkbox's `checked`), else removes it. */
  readonly set: (id: T, on: boolean) => void;
  readonly toggle: (id: T) => void;
  /** Selects exactly these ids, dropping any others. */
  readonly selectAll: (ids: Iterable<T>) => void;
  readonly clear: () => void;
};

/** A set of chosen ids for lists with checkboxes (records to share, grants to end, records to approve). */
export function useSelection<T>(initial: Iterable<T> | (() => Iterable<T>) = []): Selection<T> {
  const [selected, setSelected] = useState<ReadonlySet<T>>(() => new Set(typeof initial === 'function' ? initial() : initial));

  const set = useCallback(
    (id: T, on: boolean) =>
      setSelected((current) => {
        if (current.has(id) === on) return current;
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const toggle = useCallback(
    (id: T) =>
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const selectAll = useCallback((ids: Iterable<T>) => setSelected(new Set(ids)), []);
  const clear = useCallback(() => setSelected((current) => (current.size === 0 ? current : new Set())), []);

  return useMemo(() => ({ selected, has: (id: T) => selected.has(id), set, toggle, selectAll, clear }), [selected, set, toggle, selectAll, clear]);
}
