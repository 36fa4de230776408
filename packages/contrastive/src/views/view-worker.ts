/**
 * Worker-thread entry of {@link ImageViewPool}: builds the view maker from `workerData` and
 * answers batch requests, transferring the result buffers back without a copy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createImageViewMaker, type ImageViewSpec } from './image-view-maker.js';

interface WorkerInit {
  spec: ImageViewSpec;
  images: Uint8Array;
}

export interface BatchRequest {
  id: number;
  epoch: number;
  indices: Uint32Array;
  views: number;
}

const init = workerData as WorkerInit;
const make = createImageViewMaker(init.spec);

parentPort?.on('message', (request: BatchRequest) => {
  try {
    const data = make(init.images, request.epoch, request.indices, request.views);
    parentPort?.postMessage({ id: request.id, data }, [data.buffer as ArrayBuffer]);
  } catch (error) {
    const e = error as { code?: string; message?: string };
    parentPort?.postMessage({ id: request.id, error: { code: e.code, message: e.message } });
  }
});
