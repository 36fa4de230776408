/**
 * Imports every encoder type that ships with the core, so a manifest naming one can be loaded.
 */
import './mlp-encoder.js';
import './audio-frame-encoder.js';
import './cnn-encoder.js';
import './text-bag-encoder.js';
