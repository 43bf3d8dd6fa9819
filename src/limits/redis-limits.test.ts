import { limitsCases } from './limits.case.js';
import { openRedisBackend } from './redis-test-backend.js';

// Every limiter/guard gets its own connection: the suite's multi-client tests are two processes.
limitsCases('redis', openRedisBackend);
