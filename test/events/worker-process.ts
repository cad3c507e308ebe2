// A webhook worker in a process of its own, for the test that kills it mid-delivery (SIGKILL: no
// cleanup, no release of its claims). Arguments: database URL, lease ms, poll interval ms.
import { connect } from '../../src/db/client.js';
import { startWebhookWorker } from '../../src/events/worker.js';
import { loopbackPolicy } from '../support/resolver.js';

const [url, leaseMs, pollIntervalMs] = process.argv.slice(2);
const database = connect(url!, { max: 2 });
startWebhookWorker({ database, policy: loopbackPolicy(), leaseMs: Number(leaseMs), timeoutMs: 60_000, pollIntervalMs: Number(pollIntervalMs) });
console.log('worker started');
