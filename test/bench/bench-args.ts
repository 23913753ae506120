/**
 * A bench's command line (`npm run bench:… -- --json --families 300`) and its progress lines: `--json` prints
 * only the report, as JSON, on stdout; otherwise progress goes to stderr.
 */
const args = process.argv.slice(2);

/** `--json`: the report alone, as JSON. */
export const asJson = args.includes('--json');

/** The PostgreSQL server of `DATABASE_URL`, or the local test database. */
export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether `--flag` was given. */
export function hasFlag(flag: string): boolean {
  return args.includes(flag);
}

/** The value after `--flag`, when given. */
export function option(flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The number after `--flag`, or `fallback`. */
export function numberOption(flag: string, fallback: number): number {
  return Number(option(flag) ?? fallback);
}

/**
 * `--database`: a database that an earlier run of this bench kept (`--keep`), whose name starts with `prefix`;
 * any other name is refused, so that a bench never works in a database it did not make.
 */
export function keptDatabaseOption(prefix: string): string | undefined {
  const name = option('--database');
  if (name !== undefined && !new RegExp(`^${prefix}\\w+$`).test(name))
    throw new Error(`--database names a database this bench kept (${prefix}…)`);
  return name;
}

/** A progress line on stderr (none with `--json`). */
export function say(message: string): void {
  if (!asJson) process.stderr.write(`  … ${message}\n`);
}
