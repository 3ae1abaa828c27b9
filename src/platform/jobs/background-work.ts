import type { Haven } from '../../haven.ts';

/**
 * The server's own schedule for due work. Every instance ticks; the job
 * queue's claiming makes sure each piece of work still runs once.
 */
export function startBackgroundWork(haven: Haven): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = haven.jobs
      .runDue()
      .catch((error) => haven.log.error({ err: error }, 'due work could not run'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, haven.config.jobsIntervalSeconds * 1000);
  timer.unref();
  setImmediate(tick);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
