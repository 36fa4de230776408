// Speed of the audio views, on one thread: the default speech recipe (seconds of audio produced
// per second of wall time), each waveform transform on its own, and log-mel / MFCC extraction.
//
// Build first, then run from the repository root:
//   npx tsc -b packages/augment-audio && node packages/augment-audio/bench/bench-audio.mjs
//
// The input is a synthetic 0.7 s "word" at 16 kHz (a harmonic tone with a gliding pitch and a
// syllable envelope), so the figures do not depend on espeak-ng being installed.

import { buildRecipe, Rng } from '@manyviews/augment-core';
import {
  audioRegistry,
  defaultSpeechRecipe,
  logMelExtractor,
  mfcc,
  spectrogramRegistry,
} from '../dist/index.js';

const SR = 16000;

function syntheticWord(seconds = 0.7) {
  const n = Math.round(seconds * SR);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    const f0 = 140 + 40 * Math.sin(2 * Math.PI * 1.5 * t);
    phase += (2 * Math.PI * f0) / SR;
    let v = 0;
    for (let h = 1; h <= 12; h++) v += Math.sin(h * phase) / h;
    out[i] = 0.2 * v * Math.sin((Math.PI * t) / seconds) ** 2;
  }
  return { sampleRate: SR, channels: [out] };
}

/** Runs `fn` until `minSeconds` have passed (after `warmup` calls) and returns calls per second. */
function rate(fn, { warmup = 20, minSeconds = 2 } = {}) {
  for (let i = 0; i < warmup; i++) fn(i);
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minSeconds) {
    fn(calls++);
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return calls / elapsed;
}

const word = syntheticWord();
const fmt = (v, d = 1) => v.toFixed(d).padStart(8);

console.log(`augment-audio benchmark, one thread, Node ${process.version}`);
console.log(`input: ${(word.channels[0].length / SR).toFixed(2)} s synthetic word at ${SR} Hz\n`);

const { transform: recipe } = buildRecipe(defaultSpeechRecipe, audioRegistry);
const root = new Rng(1);
const views = rate((i) => recipe.run(word, root.fork(i)), { minSeconds: 4 });
console.log(
  `default speech recipe (1 s views): ${fmt(views)} views/s = ${fmt(views * 1.0)} s of audio per s (${fmt(1000 / views, 2)} ms per view)`,
);

console.log('\neach waveform transform alone, defaults, on a 1 s clip:');
const second = { sampleRate: SR, channels: [new Float32Array(SR)] };
second.channels[0].set(word.channels[0], 2000);
for (const name of audioRegistry.names()) {
  if (name === 'mixBackground') continue;
  const { transform } = buildRecipe(
    { version: 1, domain: 'audio', pipeline: [{ type: name }] },
    audioRegistry,
  );
  const r = rate((i) => transform.run(second, root.fork(name, i)), { warmup: 5, minSeconds: 0.7 });
  console.log(`  ${name.padEnd(18)} ${fmt(1000 / r, 3)} ms   ${fmt(r)} s of audio per s`);
}

console.log('\nfeatures of a 1 s clip (nFft 512, hop 160, 64 HTK mel bands):');
const extract = logMelExtractor({ sampleRate: SR });
const melRate = rate(() => extract(second.channels[0]), { minSeconds: 2 });
console.log(`  log-mel            ${fmt(1000 / melRate, 3)} ms   ${fmt(melRate)} s of audio per s`);
const features = extract(second.channels[0]);
const mfccRate = rate(() => mfcc(features), { minSeconds: 1 });
console.log(
  `  MFCC from log-mel  ${fmt(1000 / mfccRate, 3)} ms   ${fmt(mfccRate)} s of audio per s`,
);
const { transform: specAugment } = buildRecipe(
  {
    version: 1,
    domain: 'audio-spectrogram',
    pipeline: [
      { type: 'randomResizedCrop' },
      { type: 'timeMasking' },
      { type: 'frequencyMasking' },
    ],
  },
  spectrogramRegistry,
);
const specRate = rate((i) => specAugment.run(features, root.fork('spec', i)), { minSeconds: 1 });
console.log(`  BYOL-A crop + SpecAugment masks ${fmt(1000 / specRate, 3)} ms per 101 x 64 log-mel`);
