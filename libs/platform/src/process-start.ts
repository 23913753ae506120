import { ConfigurationError } from './config';

/**
 * Starts a process (`what`: "Samenspoor", "Samenspoor projector") with the configuration `load` reads from the
 * environment. A bad setting stops it with exit code 2 and the message naming every bad setting; any other failure
 * of `load` or `start` with exit code 1 and the error's message.
 */
export function startProcess<C>(
  what: string,
  load: (env: NodeJS.ProcessEnv) => C,
  start: (config: C) => Promise<void>,
): void {
  const main = async (): Promise<void> => {
    let config: C;
    try {
      config = load(process.env);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      process.stderr.write(`${what} cannot start. ${error.message}\n`);
      process.exit(2);
    }
    await start(config);
  };
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${what} cannot start: ${message}\n`);
    process.exit(1);
  });
}
