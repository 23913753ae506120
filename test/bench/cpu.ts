/**
 * CPU time, the figure the benches print beside their rates: on two shared cores the clock time of a run varies by
 * ±15 % from one run to the next, while the CPU time a run costs varies less, so a change shows in it first.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second in /proc/<pid>/stat (USER_HZ: 100 on every architecture Node runs on). */
const TICKS_PER_SECOND = 100;

export interface CpuSeconds {
  /** This process: user and system time, its worker threads (garbage collection) included. */
  readonly node: number;
  /**
   * Every process of the PostgreSQL server, when it runs on this machine and /proc shows it (else undefined): the
   * backends, and the writers and parallel workers that work for them. On a quiet machine the bench's own work is
   * all there is.
   */
  readonly postgres: number | undefined;
}

/** How often the server's processes are read: a process that ends takes at most this much of its work along. */
const SAMPLE_MS = 100;

/**
 * Starts measuring the CPU time used from now on. The server's processes are read every {@link SAMPLE_MS} ms, as
 * a connection the bench lets go (a session's, say) ends its process and its count with it.
 */
export function measureCpu(serverUrl: string): { stop(): CpuSeconds } {
  const { user, system } = process.cpuUsage();
  const local = localServer(serverUrl);
  const first = local ? postgresTicks() : undefined;
  const last = new Map(first);
  const sample = () => {
    for (const [pid, used] of postgresTicks() ?? []) last.set(pid, used);
  };
  const timer = first === undefined ? undefined : setInterval(sample, SAMPLE_MS);
  timer?.unref();
  return {
    stop(): CpuSeconds {
      const node = process.cpuUsage({ user, system });
      if (first === undefined)
        return { node: (node.user + node.system) / 1e6, postgres: undefined };
      clearInterval(timer);
      sample();
      let ticks = 0;
      // A process that started meanwhile counts from 0.
      for (const [pid, used] of last) ticks += used - (first.get(pid) ?? 0);
      return { node: (node.user + node.system) / 1e6, postgres: ticks / TICKS_PER_SECOND };
    },
  };
}

/**
 * The CPU time (user and system, in seconds) another process of this machine has used so far, from
 * /proc/<pid>/stat; undefined where /proc does not show it.
 */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return ticksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** `Node 41 µs, PostgreSQL 33 µs`: the CPU time per unit of work (an event, a command). */
export function cpuPer(used: CpuSeconds, units: number): string {
  const micros = (seconds: number) => `${Math.round((seconds / units) * 1e6)} µs`;
  const postgres =
    used.postgres === undefined ? 'n/a (not on this machine)' : micros(used.postgres);
  return `Node ${micros(used.node)}, PostgreSQL ${postgres}`;
}

function localServer(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '';
  } catch {
    return false;
  }
}

function postgresTicks(): Map<string, number> | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const ticks = new Map<string, number>();
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!comm.startsWith('postgres')) continue;
      ticks.set(pid, ticksOf(stat));
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks.size > 0 ? ticks : undefined;
}

/** The CPU ticks (user and system) of a /proc/<pid>/stat line. */
function ticksOf(stat: string): number {
  // pid (comm) state …: comm may hold spaces, so the fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime: fields 14 and 15 of the line, 12 and 13 after the comm.
  return Number(fields[11]) + Number(fields[12]);
}
