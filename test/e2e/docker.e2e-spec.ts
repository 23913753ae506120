import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { parse } from 'yaml';

import { isKurrentDbUrl } from '@samenspoor/event-store';

import { loadConfig } from '../../apps/api/src/config/app-config';
import { loadProjectorConfig } from '../../apps/projector/src/projector-config';

const docker = resolve(__dirname, '../../docker');
const COMPOSE_FILES = ['compose.api.yml', 'compose.kurrentdb.yml', 'compose.postgres.yml'];

interface Service {
  build?: { context: string; dockerfile: string; target?: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  volumes?: string[];
  ports?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** A compose file as compose reads it: YAML with merge keys, `${NAME:-default}` taken at its default. */
function compose(name: string): ComposeFile {
  const text = readFileSync(join(docker, name), 'utf8').replace(
    /\$\{([A-Z_]+):-([^}]*)\}/g,
    (_match, _name: string, fallback: string) => fallback,
  );
  const file = parse(text, { merge: true }) as ComposeFile;
  // Compose hands every environment value to the container as a string (an empty one as the empty string).
  for (const service of Object.values(file.services)) {
    if (service.environment) {
      service.environment = Object.fromEntries(
        Object.entries(service.environment).map(([k, v]) => [k, v === null ? '' : String(v)]),
      );
    }
  }
  return file;
}

/**
 * A compose client to validate the files with: `docker compose` (the CLI plugin) when this machine has it, else
 * the standalone `docker-compose` (Debian's 1.29, which `.ci/run` installs: the plugin is in no registry this
 * machine reaches); otherwise the reason there is none.
 */
function composeCli(): { ok: true; command: string[] } | { ok: false; reason: string } {
  const reasons: string[] = [];
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    const probe = spawnSync(command[0]!, [...command.slice(1), 'version'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    if (!probe.error && probe.status === 0) return { ok: true, command };
    const said = probe.error?.message ?? `${probe.stderr}${probe.stdout}`.trim().split('\n')[0];
    reasons.push(`${command.join(' ')}: ${said}`);
  }
  return { ok: false, reason: `no compose client (${reasons.join('; ')})` };
}

const cli = composeCli();
if (cli.ok) {
  describe(`${cli.command.join(' ')} config`, () => {
    it.each(COMPOSE_FILES)('validates docker/%s', (file) => {
      const [program, ...args] = cli.command;
      const result = spawnSync(program!, [...args, '-f', join(docker, file), 'config', '--quiet'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });
  });
} else {
  console.warn(`SKIPPED docker compose config: ${cli.reason}`);
  // The one sanctioned skip: the explicit guard for a missing tool, reported with its reason.
  // eslint-disable-next-line no-restricted-syntax
  describe.skip(`docker compose config (skipped: ${cli.reason})`, () => {
    it.each(COMPOSE_FILES)('validates docker/%s', () => undefined);
  });
}

describe('docker/ as the apps read it', () => {
  it('API + PostgreSQL: the API’s settings pass its own start-up validation and point at the compose database', () => {
    const { services } = compose('compose.api.yml');
    const config = loadConfig(services.api!.environment);
    expect(config.store).toMatchObject({ kind: 'postgres', schema: 'samenspoor' });
    expect(new URL((config.store as { connectionString: string }).connectionString).host).toBe(
      'postgres:5432',
    );
    expect(services.api!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services.postgres!.healthcheck).toBeDefined();
    expect(services.api!.build).toMatchObject({ dockerfile: 'docker/Dockerfile', target: 'app' });
  });

  it('the KurrentDB layout: API and projector on a three-node cluster, read models in PostgreSQL', () => {
    const { services } = compose('compose.kurrentdb.yml');
    const nodes = ['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3'];
    const api = loadConfig(services.api!.environment);
    const projector = loadProjectorConfig(services.projector!.environment);
    expect(api).toMatchObject({ projections: 'external', store: { kind: 'kurrentdb' } });
    expect(projector).toMatchObject({ eventStore: 'kurrentdb', port: 3001 });
    const esdbUrl = (api.store as { esdbUrl: string }).esdbUrl;
    expect(isKurrentDbUrl(esdbUrl)).toBe(true);
    expect(esdbUrl).toMatch(/^kurrentdb\+discover:\/\//);
    expect(projector.esdbUrl).toBe(esdbUrl);
    // The apps reach every node by the name its certificate carries, and trust the cluster's CA.
    expect(new URLSearchParams(esdbUrl.split('?')[1]).get('tlsCAFile')).toBe('/certs/ca/ca.crt');
    for (const node of nodes) expect(esdbUrl).toContain(`${node}:2113`);
    for (const app of ['api', 'projector']) {
      expect(services[app]!.volumes).toContain('kurrentdb-certs:/certs:ro');
      expect(Object.keys(services[app]!.depends_on!)).toEqual(
        expect.arrayContaining([...nodes, 'postgres']),
      );
    }
    expect(services.projector!.command).toEqual(['node', 'dist/apps/projector/main.js']);

    // A cluster of three, each node with its own certificate, gossiping with the other two.
    for (const [i, node] of nodes.entries()) {
      const env = services[node]!.environment!;
      expect(env.KURRENTDB_CLUSTER_SIZE).toBe('3');
      expect(env.KURRENTDB_CERTIFICATE_FILE).toBe(`/certs/node${i + 1}/node.crt`);
      expect(env.KURRENTDB_ADVERTISE_HOST_TO_CLIENT_AS).toBe(node);
      expect(env.KURRENTDB_GOSSIP_SEED!.split(',')).toHaveLength(2);
      expect(env.KURRENTDB_GOSSIP_SEED).not.toContain(env.KURRENTDB_REPLICATION_IP);
      expect(services[node]!.depends_on).toEqual({
        certs: { condition: 'service_completed_successfully' },
      });
    }
    expect(services.certs!.build).toMatchObject({ target: 'certs' });
  });

  it('the Dockerfile builds in stages and runs as an unprivileged user with a health check', () => {
    const dockerfile = readFileSync(join(docker, 'Dockerfile'), 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    expect(stages).toEqual(['build', 'dependencies', 'certs', 'app']);
    const app = dockerfile.slice(dockerfile.indexOf('AS app'));
    expect(app).toMatch(/^USER node$/m);
    expect(app).toMatch(/^HEALTHCHECK .*\n\s+CMD .*\/health/m);
    expect(app).toMatch(/npm ci --omit=dev|COPY --from=dependencies/);
    expect(app).not.toMatch(/npm ci --no-audit --no-fund\n/);
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

function certificateTests(): void {
  const dir = mkdtempSync(join(tmpdir(), 'samenspoor-certs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = () =>
    execFileSync('sh', [join(docker, 'kurrentdb-certs.sh'), join(dir, 'certs')], {
      encoding: 'utf8',
    });
  const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8' });

  it('makes a CA and a certificate per node that it signed, naming the node, for server and client use', () => {
    expect(run()).toMatch(/certificates written to/);
    const ca = join(dir, 'certs/ca/ca.crt');
    for (const n of [1, 2, 3]) {
      const cert = join(dir, `certs/node${n}/node.crt`);
      expect(openssl('verify', '-CAfile', ca, cert)).toMatch(/: OK/);
      const text = openssl(
        'x509',
        '-in',
        cert,
        '-noout',
        '-subject',
        '-ext',
        'subjectAltName,extendedKeyUsage',
      );
      expect(text).toMatch(/CN ?= ?eventstoredb-node/);
      expect(text).toMatch(
        new RegExp(
          `DNS:kurrentdb-${n}, DNS:localhost, IP Address:127.0.0.1, IP Address:172.28.113.1${n}`,
        ),
      );
      expect(text).toMatch(/TLS Web Server Authentication, TLS Web Client Authentication/);
      expect(statSync(join(dir, `certs/node${n}/node.key`)).mode & 0o444).toBe(0o444);
    }
    expect(statSync(join(dir, 'certs/ca/ca.key')).mode & 0o077).toBe(0);
  });

  it('leaves existing certificates alone', () => {
    const before = readFileSync(join(dir, 'certs/node1/node.crt'), 'utf8');
    expect(run()).toMatch(/certificates exist/);
    expect(readFileSync(join(dir, 'certs/node1/node.crt'), 'utf8')).toBe(before);
  });
}

if (hasOpenssl) {
  describe('docker/kurrentdb-certs.sh', certificateTests);
} else {
  console.warn('SKIPPED docker/kurrentdb-certs.sh: no openssl on this machine');
  // The one sanctioned skip: the explicit guard for a missing tool, reported with its reason.
  // eslint-disable-next-line no-restricted-syntax
  describe.skip(
    'docker/kurrentdb-certs.sh (skipped: no openssl on this machine)',
    certificateTests,
  );
}
