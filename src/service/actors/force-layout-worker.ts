/** Worker thread of networkGraphOffThread: lays out the ForceLayoutInput of workerData and posts the ForceLayoutResult. */
import { parentPort, workerData } from 'node:worker_threads';
import { forceLayout } from './force-layout.js';
import type { ForceLayoutInput } from './force-layout.js';

parentPort?.postMessage(forceLayout(workerData as ForceLayoutInput));
