/** The one pino logger: JSON lines with the request id, secrets redacted wherever they could appear. */
import { pino, type Logger } from 'pino';
import type { Config } from '../config/config.js';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["api-key"]', 'headers.authorization', 'apiKey', 'api_key', 'key'],
      censor: '[redacted]',
    },
  });
}
