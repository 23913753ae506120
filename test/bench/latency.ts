/**
 * Latency of one route, one request at a time over one kept-alive connection, for `seconds` (after a warm-up of
 * its own): each request alone, so the figures are the route's own latency, not a queue's.
 */
export interface Latency {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly requests: number;
  readonly non2xx: number;
}

export async function sequentialLatency(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  warmUpSeconds = 3,
): Promise<Latency> {
  const once = async (): Promise<{ ms: number; ok: boolean }> => {
    const started = performance.now();
    const answer = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
    await answer.arrayBuffer();
    return { ms: performance.now() - started, ok: answer.ok };
  };
  for (const end = performance.now() + warmUpSeconds * 1000; performance.now() < end;) await once();
  const samples: number[] = [];
  let non2xx = 0;
  for (const end = performance.now() + seconds * 1000; performance.now() < end;) {
    const { ms, ok } = await once();
    samples.push(ms);
    if (!ok) non2xx++;
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) =>
    samples.length === 0
      ? 0
      : Math.round(samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)]! * 10) /
        10;
  return {
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: at(1),
    requests: samples.length,
    non2xx,
  };
}
