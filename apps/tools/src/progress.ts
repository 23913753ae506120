import { SingleBar } from 'cli-progress';

/** A progress bar on stderr with a rate and an ETA, or plain lines when stderr is not a terminal. */
export function progressBar(label: string, unit: string): SingleBar {
  return new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    stream: process.stderr,
    noTTYOutput: true,
    notTTYSchedule: 2_000,
    etaBuffer: 50,
  });
}

/** Tracks a rate (per second) for the bar's `{rate}` token. */
export function rateOf(startedAt: number, done: number): string {
  const seconds = (performance.now() - startedAt) / 1000;
  return seconds > 0 ? Math.round(done / seconds).toLocaleString('en') : '–';
}
