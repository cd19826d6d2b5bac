import type { ReactNode } from 'react';
import { parseError } from '@/lib/errors/parse-error';
import { Button } from './button';
import { Notice } from './notice';

/** The part of a TanStack Query result this block reads (a `useQuery` result fits). */
export type QueryStateSource<T> = {
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly error: unknown;
  readonly data: T | undefined;
  readonly refetch: () => unknown;
};

type Props<T> = {
  query: QueryStateSource<T>;
  /** Shown until the first answer, e.g. "Loading your requests…". */
  loading: string;
  /** The error notice's title, e.g. "Your requests could not be loaded"; the body is the parsed error and "Try again". */
  errorTitle: string;
  /** Shown instead of `children` when the data is empty (by `isEmpty`, default: an empty list). */
  empty?: ReactNode;
  emptyTestId?: string;
  isEmpty?: (data: T) => boolean;
  /** What to show with the data; without it the block shows only loading and errors, and the caller the rest. */
  children?: (data: T) => ReactNode;
};

const isEmptyList = (data: unknown) => Array.isArray(data) && data.length === 0;

/**
 * The loading / error-with-retry / empty block every chain-backed list and gate shows. A gate that
 * must show nothing else while it cannot decide renders it alone: `if (q.isPending || q.isError) return <QueryState query={q} … />`.
 */
export function QueryState<T>({ query, loading, errorTitle, empty, emptyTestId, isEmpty = isEmptyList, children }: Props<T>) {
  const { data } = query;
  return (
    <>
      {query.isPending && (
        <p className="text-sm text-slate-500 dark:text-slate-400" aria-live="polite">
          {loading}
        </p>
      )}
      {query.isError && (
        <Notice tone="error" title={errorTitle}>
          {parseError(query.error).message} <Button variant="ghost" onClick={() => query.refetch()}>Try again</Button>
        </Notice>
      )}
      {/* A list that fails to refresh keeps what it showed, under the error. */}
      {data !== undefined &&
        (empty !== undefined && isEmpty(data) ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid={emptyTestId}>
            {empty}
          </p>
        ) : (
          children?.(data)
        ))}
    </>
  );
}
