// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSelection } from './use-selection';

afterEach(cleanup);

const ids = (set: ReadonlySet<bigint>) => [...set].sort((a, b) => Number(a - b));

describe('useSelection', () => {
  it('starts empty, or with the initial ids (read once)', () => {
    expect(renderHook(() => useSelection<bigint>()).result.current.selected.size).toBe(0);
    const initial = vi.fn(() => [1n, 2n]);
    const { result, rerender } = renderHook(() => useSelection(initial));
    rerender();
    expect(ids(result.current.selected)).toEqual([1n, 2n]);
    expect(initial).toHaveBeenCalledTimes(1);
  });

  it('sets by a checkbox value, toggles, selects all and clears', () => {
    const { result } = renderHook(() => useSelection<bigint>());
    act(() => result.current.set(3n, true));
    act(() => result.current.set(5n, true));
    expect(ids(result.current.selected)).toEqual([3n, 5n]);
    expect(result.current.has(3n)).toBe(true);
    act(() => result.current.set(3n, false));
    expect(ids(result.current.selected)).toEqual([5n]);
    act(() => result.current.toggle(5n));
    act(() => result.current.toggle(7n));
    expect(ids(result.current.selected)).toEqual([7n]);
    act(() => result.current.selectAll([1n, 2n]));
    expect(ids(result.current.selected)).toEqual([1n, 2n]);
    act(() => result.current.clear());
    expect(result.current.selected.size).toBe(0);
    expect(result.current.has(1n)).toBe(false);
  });

  it('gives a new set after a change, the same one after a no-op, and stable actions', () => {
    const { result } = renderHook(() => useSelection<string>(['a']));
    const first = result.current;
    act(() => first.set('a', true));
    expect(result.current.selected).toBe(first.selected);
    act(() => first.set('b', true));
    expect(result.current.selected).not.toBe(first.selected);
    expect(first.selected.has('b')).toBe(false);
    expect(result.current.set).toBe(first.set);
    expect(result.current.clear).toBe(first.clear);
  });
});
