// A bench's run from start to end: its `main`, and the database it made.

/** Runs a bench's `main`; a failure is printed and ends the process with exit code 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * Drops the database a bench made, come what may (the bench's own outcome is what it reports), and closes the
 * server.
 */
export async function dropBenchDatabase(
  server: { query(sql: string): Promise<unknown>; close(): Promise<void> },
  databaseName: string,
): Promise<void> {
  await server.query(`drop database if exists ${databaseName} with (force)`).catch(() => undefined);
  await server.close();
}
