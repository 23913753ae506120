import { checkPostgres } from './global-setup';

describe('the test run’s PostgreSQL guard', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('fails the run with CI=true when the server is unreachable', async () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/test';
    process.env.CI = 'true';
    await expect(checkPostgres()).rejects.toThrow(/127\.0\.0\.1:1 is unreachable.*CI=true/);
  });

  it('marks the PostgreSQL suites as skipped, with the reason, outside CI', async () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/test';
    delete process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await checkPostgres();
    expect(process.env.SAMENSPOOR_TEST_POSTGRES).toMatch(
      /^unreachable: PostgreSQL at 127\.0\.0\.1:1/,
    );
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/SKIPPED/));
    warn.mockRestore();
  });
});
