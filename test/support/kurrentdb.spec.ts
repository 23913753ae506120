import { kurrentDbAvailability } from './kurrentdb';

describe('the KurrentDB suites’ guard', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('uses ESDB_URL when it is set, whatever Docker says', () => {
    process.env.ESDB_URL = 'kurrentdb://node1:2113?tls=false';
    process.env.SAMENSPOOR_TEST_DOCKER = 'no Docker engine';
    expect(kurrentDbAvailability()).toEqual({
      kind: 'url',
      url: 'kurrentdb://node1:2113?tls=false',
    });
  });

  it('without ESDB_URL and without a docker CLI, says so as the reason to skip', () => {
    delete process.env.ESDB_URL;
    delete process.env.SAMENSPOOR_TEST_DOCKER;
    process.env.PATH = '/nonexistent';
    expect(kurrentDbAvailability()).toEqual({
      kind: 'none',
      reason: 'no ESDB_URL and no Docker engine to start KurrentDB in (no docker CLI)',
    });
    // …and remembers it for the other suites of the process.
    expect(process.env.SAMENSPOOR_TEST_DOCKER).toMatch(/no docker CLI/);
  });

  it('starts a container when a Docker engine answered', () => {
    delete process.env.ESDB_URL;
    process.env.SAMENSPOOR_TEST_DOCKER = 'reachable';
    expect(kurrentDbAvailability()).toEqual({ kind: 'docker' });
  });
});
