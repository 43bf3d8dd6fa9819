/**
 * The one pino logger: JSON lines with the request id, secrets redacted wherever they could appear.
 * Lines are written to stdout in batches (pino's SonicBoom with a minimum write length, flushed at
 * least every 250 ms and on close): one write system call per request cost more than the line
 * itself under load, and an asynchronous write per line more still.
 */
import { pino, type Logger } from 'pino';
import type { Config } from '../config/config.js';
import { redactUrl } from '../core/redact-url.js';

const BATCH_BYTES = 8192;
const FLUSH_EVERY_MS = 250;

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  const options = {
    level: config.logLevel,
    // Every `url` logged (the request line of any route) loses the credentials a client put in it.
    serializers: { url: (url: unknown) => (typeof url === 'string' ? redactUrl(url) : url) },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["api-key"]', 'headers.authorization', 'apiKey', 'api_key', 'key'],
      censor: '[redacted]',
    },
  };
  const destination = pino.destination({ dest: 1, sync: true, minLength: BATCH_BYTES });
  const logger = pino(options, destination);
  // Nothing waits longer than this to be written, however quiet the gateway is.
  flushTimers.set(logger, setInterval(() => destination.flush(), FLUSH_EVERY_MS).unref());
  return logger;
}

const flushTimers = new WeakMap<Logger, NodeJS.Timeout>();

/** Writes what the logger still holds and stops its flush timer (shutdown). */
export function flushLogger(log: Logger): Promise<void> {
  clearInterval(flushTimers.get(log));
  return new Promise((resolve) => log.flush(() => resolve()));
}
