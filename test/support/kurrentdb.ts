import { execFileSync } from 'node:child_process';

/** The KurrentDB image the tests (and `docker/compose.kurrentdb.yml`) run; `KURRENTDB_IMAGE` overrides it. */
export const KURRENTDB_IMAGE = process.env.KURRENTDB_IMAGE ?? 'kurrentplatform/kurrentdb:25.0';

type Availability =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'docker' }
  | { readonly kind: 'none'; readonly reason: string };

/**
 * Where the KurrentDB suites find a server: `ESDB_URL` (used as it is: when it does not answer, the suites fail),
 * or, without it, a container that testcontainers starts when a Docker engine answers. Neither: the suites are
 * skipped and say why — also with `CI=true`, since CI machines here have no KurrentDB.
 */
export function kurrentDbAvailability(): Availability {
  const url = process.env.ESDB_URL;
  if (url) return { kind: 'url', url };
  const cached = process.env.SAMENSPOOR_TEST_DOCKER;
  if (cached !== undefined) {
    return cached === 'reachable' ? { kind: 'docker' } : { kind: 'none', reason: cached };
  }
  let status: string;
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
      env: process.env,
    });
    status = 'reachable';
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: Buffer };
    const detail =
      code === 'ENOENT'
        ? 'no docker CLI'
        : (stderr?.toString().trim().split('\n').at(-1) ?? 'docker info failed');
    status = `no ESDB_URL and no Docker engine to start KurrentDB in (${detail})`;
  }
  process.env.SAMENSPOOR_TEST_DOCKER = status;
  return status === 'reachable' ? { kind: 'docker' } : { kind: 'none', reason: status };
}

/** A running KurrentDB server for a suite. */
export interface KurrentDbServer {
  /** Its connection string; valid inside the suite's tests (after `beforeAll`). */
  url(): string;
}

/**
 * `describe` for suites that need a KurrentDB server (see {@link kurrentDbAvailability}). With Docker it starts
 * one single-node, in-memory, insecure container for the suite and removes it afterwards.
 */
export function describeWithKurrentDb(name: string, body: (server: KurrentDbServer) => void): void {
  const availability = kurrentDbAvailability();
  if (availability.kind === 'none') {
    console.warn(`SKIPPED ${name}: ${availability.reason}`);
    // The one sanctioned skip: the explicit guard for a missing service, reported with its reason.
    // eslint-disable-next-line no-restricted-syntax
    describe.skip(`${name} (skipped: ${availability.reason})`, () => body({ url: () => '' }));
    return;
  }
  describe(name, () => {
    let url = availability.kind === 'url' ? availability.url : '';
    let stop: (() => Promise<unknown>) | undefined;
    if (availability.kind === 'docker') {
      beforeAll(async () => {
        const { GenericContainer, Wait } = await import('testcontainers');
        const container = await new GenericContainer(KURRENTDB_IMAGE)
          .withEnvironment({
            KURRENTDB_INSECURE: 'true',
            KURRENTDB_MEM_DB: 'true',
            KURRENTDB_RUN_PROJECTIONS: 'None',
          })
          .withExposedPorts(2113)
          .withWaitStrategy(
            Wait.forHttp('/health/live', 2113).forStatusCodeMatching((s) => s >= 200 && s < 300),
          )
          .withStartupTimeout(120_000)
          .start();
        url = `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
        stop = () => container.stop();
      }, 180_000);
      afterAll(async () => {
        await stop?.();
      });
    }
    body({ url: () => url });
  });
}
