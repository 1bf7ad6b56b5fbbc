import type { Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { Metrics } from './metrics';

/**
 * With WEB_CONCURRENCY > 1 one scrape must speak for every worker, whichever worker the connection reached. That
 * worker asks the primary over IPC; the primary gathers each worker's registry with prom-client's AggregatorRegistry
 * (counters and histograms add up; gauges of shared counts take the largest value) and sends the text back.
 */
interface MetricsRequest {
  kind: 'metrics-request';
  id: number;
}
interface MetricsReply {
  kind: 'metrics-reply';
  id: number;
  text?: string;
  error?: string;
}

/** How long a worker waits for the primary; prom-client gives up on a silent worker after 5 s. */
const REPLY_TIMEOUT_MS = 6_000;

/** In a worker: makes `metrics` the registry the primary gathers, and returns how this worker scrapes everyone. */
export function scrapeThroughPrimary(metrics: Metrics): () => Promise<{ contentType: string; text: string }> {
  AggregatorRegistry.setRegistries([metrics.registry]);
  // Its constructor is what makes this worker answer the primary's requests for its registry.
  new AggregatorRegistry();
  const waiting = new Map<number, (reply: MetricsReply) => void>();
  let next = 0;
  process.on('message', (message: MetricsReply) => {
    if (message?.kind !== 'metrics-reply') return;
    waiting.get(message.id)?.(message);
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => settle({ kind: 'metrics-reply', id, error: 'no answer' }), REPLY_TIMEOUT_MS);
      const settle = (reply: MetricsReply) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (reply.text === undefined) reject(new Error(reply.error ?? 'no metrics'));
        else resolve({ contentType: metrics.registry.contentType, text: reply.text });
      };
      waiting.set(id, settle);
      process.send?.({ kind: 'metrics-request', id } satisfies MetricsRequest);
    });
}

/** In the primary: one aggregator for all workers; each forked worker's requests are answered by `answerFor`. */
export function gatherWorkersMetrics(): { answerFor(worker: Worker): void } {
  const aggregator = new AggregatorRegistry();
  return {
    answerFor(worker) {
      worker.on('message', (message: MetricsRequest) => {
        if (message?.kind !== 'metrics-request') return;
        const reply = (body: Omit<MetricsReply, 'kind' | 'id'>) => {
          if (worker.isConnected()) worker.send({ kind: 'metrics-reply', id: message.id, ...body });
        };
        aggregator.clusterMetrics().then(
          (text) => reply({ text }),
          (error: unknown) => reply({ error: error instanceof Error ? error.message : 'failed' }),
        );
      });
    },
  };
}
