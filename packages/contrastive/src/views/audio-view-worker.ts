/**
 * Worker-thread entry of {@link AudioViewPool}: builds the view maker from `workerData` and
 * answers batch requests, transferring the result buffers back without a copy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type AudioViewSpec, createAudioViewMaker, type PackedClips } from './audio-view-maker.js';
import type { BatchRequest } from './view-worker.js';

interface WorkerInit {
  spec: AudioViewSpec;
  clips: PackedClips;
}

const init = workerData as WorkerInit;
const make = createAudioViewMaker(init.spec);

parentPort?.on('message', (request: BatchRequest) => {
  try {
    const data = make(init.clips, request.epoch, request.indices, request.views);
    parentPort?.postMessage({ id: request.id, data }, [data.buffer as ArrayBuffer]);
  } catch (error) {
    const e = error as { code?: string; message?: string };
    parentPort?.postMessage({ id: request.id, error: { code: e.code, message: e.message } });
  }
});
