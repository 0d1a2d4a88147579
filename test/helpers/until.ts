// Waiting for what happens after a turn has answered (a proactive message, a recorded delivery): poll until it holds.
// The bound is generous and only guards against a hang; no test depends on how fast it happens.
export async function eventually<T>(probe: () => Promise<T> | T, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const got = await probe();
      if (got !== undefined && got !== false) return got;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`still waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
