/**
 * Locks an unlocked page nobody is using. Health records get read on shared computers (a clinic's
 * workstation, a family laptop): after a quarter of an hour without a key press, click or scroll,
 * the decryption key and everything decrypted are dropped from memory, and one signature brings
 * them back.
 */
export const IDLE_LOCK_MS = 15 * 60_000;

/** What counts as someone using the page (discrete events only: a pointer resting on it does not). */
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export type IdleTimer = {
  /** Someone used the page: the idle period starts again. Cheap enough for every event. */
  activity(): void;
  /** Looks at the time now, e.g. when the tab becomes visible again after the computer slept. */
  check(): void;
  stop(): void;
};

type Clock = {
  readonly now: () => number;
  readonly schedule: (callback: () => void, ms: number) => unknown;
  readonly cancel: (handle: unknown) => void;
};

const browserClock: Clock = {
  now: () => Date.now(),
  schedule: (callback, ms) => setTimeout(callback, ms),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Calls `onIdle` once, `timeoutMs` after the last activity. Activity only notes the time; the one
 * pending timer re-checks when it fires and waits out the rest, so typing does not churn timers.
 */
export function startIdleTimer(timeoutMs: number, onIdle: () => void, clock: Clock = browserClock): IdleTimer {
  let lastActivity = clock.now();
  let stopped = false;
  let handle = clock.schedule(check, timeoutMs);

  function check() {
    if (stopped) return;
    clock.cancel(handle);
    const idleFor = clock.now() - lastActivity;
    if (idleFor >= timeoutMs) {
      stopped = true;
      onIdle();
      return;
    }
    handle = clock.schedule(check, timeoutMs - idleFor);
  }

  return {
    activity: () => {
      lastActivity = clock.now();
    },
    check,
    stop: () => {
      stopped = true;
      clock.cancel(handle);
    },
  };
}
