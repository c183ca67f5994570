/**
 * Linear-time checks without wall-clock limits: the time for an 8x larger input is compared with
 * the time for the smaller one (the fastest of several runs: on a busy machine a median still
 * catches stalls, the minimum does not). Linear work gives a ratio near 8, quadratic work near 64;
 * the bound (8 * 3 = 24, over a small floor for n) is loose for a shared machine and still far below
 * quadratic. A failing input is measured again, with more runs, before it fails.
 */
export const RUNS = 2;
export const MAX_RATIO = 8 * 3;
export const FLOOR_MS = 2;

export const repeat = (unit: string, size: number): string =>
  unit.length === 0 ? "" : unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

export function time(fn: () => unknown, runs = RUNS): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * undefined when `large` (8x the input of `small`) costs at most MAX_RATIO times `small`, else a
 * description. Up to three attempts with more runs each: a stall of the machine is not a failure,
 * quadratic work fails every attempt.
 */
export function superlinear(small: () => unknown, large: () => unknown): string | undefined {
  small();
  let last = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    const a = time(small, RUNS * attempt);
    const b = time(large, RUNS * attempt);
    if (b <= MAX_RATIO * Math.max(a, FLOOR_MS)) return undefined;
    last = `${a.toFixed(1)} ms -> ${b.toFixed(1)} ms`;
  }
  return last;
}
