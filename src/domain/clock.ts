// Time is injected: domain and scheduler take a Clock, tests run months in milliseconds.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that starts at `start` and then runs at real speed (CLOCK_START in local mode). */
export function clockStartingAt(start: Date, now: () => number = Date.now): Clock {
  const offset = start.getTime() - now();
  return () => new Date(now() + offset);
}

/** A clock that only moves when told to (tests). */
export function manualClock(start: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  const clock = (() => new Date(t)) as Clock & { advance(ms: number): void; set(d: Date): void };
  clock.advance = (ms) => {
    t += ms;
  };
  clock.set = (d) => {
    t = d.getTime();
  };
  return clock;
}
