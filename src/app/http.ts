/**
 * The app's own HTTP endpoints next to Probot's webhook route and `/ping`: `GET /healthz` (the
 * process is up), `GET /readyz` (it can take work: the queue is open and, when there is Redis, Redis
 * takes its writes, and its worker threads start; a load balancer stops sending webhooks to a replica
 * that is not ready, and the answer says why) and `GET /metrics` (Prometheus).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppMetrics } from './metrics.js';
import type { JobQueue } from './queue.js';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/**
 * `unavailable`: why this replica cannot run jobs itself (its worker threads fail to start), or
 * undefined when it can.
 */
export function operationsHandler(
  queue: JobQueue,
  metrics: AppMetrics,
  unavailable: () => string | undefined = () => undefined,
): HttpHandler {
  return async (req, res) => {
    if (req.method !== 'GET') return false;
    const path = (req.url ?? '').split('?')[0];
    switch (path) {
      case '/healthz':
        return json(res, 200, { status: 'ok' });
      case '/readyz': {
        const cannotRun = unavailable();
        if (cannotRun) return json(res, 503, { status: `not ready: ${cannotRun}` });
        const readiness = await queue.ready();
        if (!readiness.ready) return json(res, 503, { status: `not ready: ${readiness.reason}` });
        return json(res, 200, { status: 'ready' });
      }
      case '/metrics': {
        const body = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body);
        return true;
      }
      default:
        return false;
    }
  };
}

function json(res: ServerResponse, status: number, body: object): true {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return true;
}
