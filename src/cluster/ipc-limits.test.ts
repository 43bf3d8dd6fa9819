import { limitsCases } from '../limits/limits.case.js';
import { openIpcLimitsBackend } from './testing/ipc-limits-backend.js';

// Every client is a worker with its own channel to the primary's memory limits.
limitsCases('cluster ipc', async () => openIpcLimitsBackend());
