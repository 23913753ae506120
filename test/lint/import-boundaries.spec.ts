import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

interface Verdict {
  readonly file: string;
  readonly source: string;
  readonly restricted: readonly string[];
  readonly fatal: readonly string[];
}

/**
 * Lints one import line as if it stood in an existing file, with the repository's own `eslint.config.mjs` (what
 * `npm run lint` runs). ESLint loads its configuration as an ES module, which Jest's CommonJS runtime cannot, so
 * the linting runs in a child process; one process for all cases, since a type-checked start is slow.
 */
function lintImports(cases: readonly (readonly [file: string, source: string])[]): Verdict[] {
  const script = `
    import { ESLint } from 'eslint';
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const verdicts = [];
    for (const [file, source] of cases) {
      const [result] = await eslint.lintText(\`import * as imported from '\${source}';\\nexport const used = imported;\\n\`, { filePath: file });
      verdicts.push({
        file,
        source,
        restricted: result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message),
        fatal: result.messages.filter((m) => m.fatal).map((m) => m.message),
      });
    }
    process.stdout.write(JSON.stringify(verdicts));
  `;
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(cases)],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 10_000_000 },
  );
  return JSON.parse(output) as Verdict[];
}

// Existing files to stand the imports in: type-aware linting needs a file its TypeScript project knows.
const LIBRARY = 'libs/access/src/actor.ts';
const LIBRARY_TEST = 'libs/access/src/policy/access-policy.spec.ts';
const DOMAIN = 'libs/domain/src/bsn.ts';
const APP = 'apps/tools/src/progress.ts';
const WEB = 'apps/web/src/format.ts';
const E2E = 'test/e2e/boot.e2e-spec.ts';

const refused: [string, string][] = [
  [LIBRARY, '../../../domain/src/testing/given-when-then'],
  [LIBRARY, '../../../../apps/api/src/config/app-config'],
  [LIBRARY, '@samenspoor/sql/src/errors'],
  [LIBRARY, '@samenspoor/testing'],
  [LIBRARY, '@samenspoor/domain/testing'],
  [DOMAIN, '@samenspoor/sql'],
  [APP, '../../api/src/config/app-config'],
  [APP, '../../../libs/sql/src'],
  [WEB, '../../../libs/domain/src/bsn'],
  [E2E, '../../libs/event-store/src/testing/event-store.contract'],
  [E2E, '@samenspoor/projections/src/testing/table-snapshot'],
];
const allowed: [string, string][] = [
  [LIBRARY, '@samenspoor/sql'],
  [LIBRARY, './policy/access-policy'],
  [LIBRARY_TEST, '@samenspoor/testing'],
  [LIBRARY_TEST, '@samenspoor/domain/testing'],
  [APP, '@samenspoor/platform'],
  [WEB, '@samenspoor/domain/bsn'],
  [E2E, '@samenspoor/event-store/testing'],
  [E2E, '../../apps/api/src/bootstrap'],
];

describe('the import boundaries of eslint.config.mjs', () => {
  let verdicts: Verdict[];

  beforeAll(() => {
    verdicts = lintImports([...refused, ...allowed]);
  }, 180_000);

  it('lints every case for real (no parsing error hides a verdict)', () => {
    expect(verdicts.flatMap((v) => v.fatal)).toEqual([]);
    expect(verdicts).toHaveLength(refused.length + allowed.length);
  });

  it.each(refused)('refuses in %s: %s', (file, source) => {
    const verdict = verdicts.find((v) => v.file === file && v.source === source);
    expect(verdict?.restricted.length).toBeGreaterThan(0);
  });

  it.each(allowed)('allows in %s: %s', (file, source) => {
    const verdict = verdicts.find((v) => v.file === file && v.source === source);
    expect(verdict?.restricted).toEqual([]);
  });
});
