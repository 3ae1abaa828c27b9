import autocannon from 'autocannon';

export interface LoadFigures {
  /** Mean of the per-second counts of answered requests. */
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  requests: number;
  /** Connection errors and timeouts, and answers other than 2xx: each one makes the figures worthless. */
  failures: number;
  bytesPerRequest: number;
}

export interface LoadShape {
  connections: number;
  seconds: number;
}

/** Keeps `connections` requests in flight for `seconds`, each request taking the next address of `paths` in turn. */
export async function measureLoad(origin: string, paths: readonly string[], shape: LoadShape): Promise<LoadFigures> {
  const result = await run(origin, paths, shape.connections, shape.seconds);
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    requests,
    failures: result.errors + result.timeouts + result.non2xx,
    bytesPerRequest: requests > 0 ? result.throughput.total / requests : 0,
  };
}

function run(origin: string, paths: readonly string[], connections: number, seconds: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: origin,
    connections,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
  });
}
