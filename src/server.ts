import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { startBackgroundWork } from './platform/jobs/background-work.ts';

/** How long a stop may take (requests and work in progress finishing) before Haven exits anyway. */
const STOP_GRACE_MS = 15_000;

/** Starts Haven: builds the app, serves, announces the first-run link if needed, and stops cleanly. */
async function main(): Promise<void> {
  // Signals are heard from the very start: a stop asked for while Haven is still starting
  // (migrating, binding) is carried out as soon as the step in progress is over, and is clean.
  let stopRequested: string | null = null;
  let shutdown: ((signal: string) => Promise<void>) | null = null;
  const onSignal = (signal: string) => {
    if (stopRequested) return;
    stopRequested = signal;
    setTimeout(() => {
      process.stderr.write(`Haven did not stop within ${STOP_GRACE_MS / 1000} seconds; exiting anyway.\n`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    if (shutdown) void shutdown(signal);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  const config = loadConfig(process.env);
  const app = await buildApp(config);
  const { haven } = app;
  let stopWork: () => Promise<void> = async () => {};
  const stop = async (signal: string) => {
    app.log.info(`${signal} received: finishing requests and work in progress`);
    try {
      await stopWork();
      await app.close();
    } catch (error) {
      process.stderr.write(`Haven did not stop cleanly: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    }
    process.exit(0);
  };
  if (stopRequested) return stop(stopRequested);

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let link: string | null = null;
  if (await haven.setup.needed()) {
    // PORT=0 (any free port) without PUBLIC_URL: the link names the port actually chosen.
    const base = new URL(config.publicUrl);
    if (base.port === '0') base.port = String(port);
    link = new URL(`/setup/${await haven.setup.issueLink()}`, base).toString();
  }
  if (stopRequested) return stop(stopRequested);
  shutdown = stop;

  app.log.info(`Haven is listening on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port} with ${haven.database.dialect}`);
  stopWork = startBackgroundWork(haven);
  if (link) {
    // Printed on the terminal only, never logged: this link makes its holder a steward.
    process.stdout.write(
      `\nHaven has no account yet. Open this one-time link to create the first steward account:\n\n  ${link}\n\n(It works once and for 24 hours; restarting Haven prints a new one.)\n\n`,
    );
  }
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Haven could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
