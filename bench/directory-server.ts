/**
 * Haven under test, in its own process so the load generator does not share
 * its CPU time: builds the app exactly as production does, fills the
 * directory, measures what the answer cache hides, then listens on loopback
 * until the benchmark says stop. Started by directory-search.ts only.
 */
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { measureColdSearch, type ColdSearchFigures } from './cold-search.ts';
import { searchMix } from './search-mix.ts';
import { seedDirectory, type DirectorySize, type SeededDirectory } from './synthetic-directory.ts';

export interface ServerOrders {
  env: Record<string, string>;
  size: DirectorySize;
  mix: { count: number; seed: number };
}

export type ServerMessage =
  | { kind: 'ready'; port: number; seeded: SeededDirectory; cold: ColdSearchFigures }
  | { kind: 'memory'; rssMB: number; heapUsedMB: number; maxRssMB: number }
  | { kind: 'cpu'; microseconds: number };

const orders = JSON.parse(process.argv[2] ?? '') as ServerOrders;
const send = (message: ServerMessage) => process.send!(message);

const app = await buildApp(loadConfig(orders.env));
const seeded = await seedDirectory(app.haven.database.db, orders.size);
const cold = await measureColdSearch(app.haven, searchMix(orders.mix.count, orders.mix.seed));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
send({ kind: 'ready', port: typeof address === 'object' && address ? address.port : 0, seeded, cold });

process.on('message', (message: 'memory' | 'cpu' | 'stop') => {
  if (message === 'stop') return process.disconnect();
  if (message === 'cpu') {
    const used = process.cpuUsage();
    return send({ kind: 'cpu', microseconds: used.user + used.system });
  }
  const memory = process.memoryUsage();
  send({ kind: 'memory', rssMB: memory.rss / 2 ** 20, heapUsedMB: memory.heapUsed / 2 ** 20, maxRssMB: process.resourceUsage().maxRSS / 1024 });
});
// Told to stop, or the benchmark gone (killed, crashed): no server is left behind.
process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
