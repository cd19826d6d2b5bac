import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startIdleTimer } from './idle-timer';

const MINUTE = 60_000;

describe('startIdleTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once after the timeout without activity', () => {
    const onIdle = vi.fn();
    startIdleTimer(15 * MINUTE, onIdle);
    vi.advanceTimersByTime(15 * MINUTE - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('counts the timeout from the last activity', () => {
    const onIdle = vi.fn();
    const timer = startIdleTimer(15 * MINUTE, onIdle);
    vi.advanceTimersByTime(10 * MINUTE);
    timer.activity();
    vi.advanceTimersByTime(14 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('locks at once when checked after a sleep that outlasted the timeout, even before its timer fires', () => {
    const onIdle = vi.fn();
    const timer = startIdleTimer(15 * MINUTE, onIdle);
    // A sleeping computer moves the wall clock without running timers.
    vi.setSystemTime(Date.now() + 20 * MINUTE);
    timer.check();
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires once stopped', () => {
    const onIdle = vi.fn();
    const timer = startIdleTimer(15 * MINUTE, onIdle);
    timer.stop();
    vi.advanceTimersByTime(60 * MINUTE);
    timer.check();
    expect(onIdle).not.toHaveBeenCalled();
  });
});
