/**
 * Registers the served-model loaders that ship with the core, one per domain.
 */
import { loadServedAudioModel } from './served-audio-model.js';
import { loadServedImageModel } from './served-image-model.js';
import { registerServedDomain } from './served-model.js';
import { loadServedTextModel } from './served-text-model.js';

registerServedDomain('image', (dir) => loadServedImageModel(dir));
registerServedDomain('audio', (dir) => loadServedAudioModel(dir));
registerServedDomain('text', (dir) => loadServedTextModel(dir));
