import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeWav } from '@manyviews/augment-audio';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import {
  AudioFrameEncoder,
  type AudioFrameEncoderConfig,
} from '../encoders/audio-frame-encoder.js';
import { saveModelDir } from '../model-dir.js';
import { testManifest } from '../test-fixtures.js';
import type { AudioPreprocess } from '../views/audio-input.js';
import { decodeUpload, loadServedAudioModel } from './served-audio-model.js';
import { loadServedModel } from './served-model.js';
import './builtin-served-domains.js';

const preprocess: AudioPreprocess = {
  sampleRate: 8000,
  duration: 0.5,
  trim: true,
  logMel: { nFft: 256, hop: 80, nMels: 16, fMax: 3800 },
  mean: -5,
  std: 4,
  maxSeconds: 2,
};

const config: AudioFrameEncoderConfig = {
  type: 'audio-frames',
  frames: 51,
  bins: 16,
  temporal: [{ width: 3, stride: 2, channels: 8 }],
  hidden: [],
  embeddingDim: 6,
  projection: [4],
};

function toneWav(seconds: number, rate: number, hz = 440, channels = 1): Uint8Array {
  const samples = new Float32Array(Math.round(seconds * rate));
  for (let n = 0; n < samples.length; n++)
    samples[n] = 0.4 * Math.sin((2 * Math.PI * hz * n) / rate);
  return encodeWav({ sampleRate: rate, channels: Array.from({ length: channels }, () => samples) });
}

let dir: string;
let imageDir: string;

async function save(where: string, domain: string): Promise<void> {
  const encoder = new AudioFrameEncoder(config, undefined, 1);
  await saveModelDir(
    where,
    testManifest({
      name: 'words',
      domain,
      inputShape: [51, 16],
      preprocess: { ...preprocess },
      embeddingDim: 6,
      encoder: config,
      recipe: { version: 1, domain: 'audio', pipeline: [] },
    }),
    encoder.weights(),
  );
  encoder.dispose();
}

beforeAll(async () => {
  await selectBackend('cpu');
  const root = await mkdtemp(path.join(tmpdir(), 'mv-audio-serve-'));
  dir = path.join(root, 'words');
  imageDir = path.join(root, 'image');
  await save(dir, 'audio');
  await save(imageDir, 'image');
});

describe('decodeUpload', () => {
  it('mixes to mono and resamples to the model rate', () => {
    const clip = decodeUpload(toneWav(0.5, 22050, 440, 2), preprocess, 'a');
    expect(clip.sampleRate).toBe(8000);
    expect(clip.channels).toHaveLength(1);
    expect(clip.channels[0].length).toBe(4000);
  });

  it('refuses audio past maxSeconds with AUDIO_TOO_LONG, and malformed files by code', () => {
    expect(() => decodeUpload(toneWav(2.5, 8000), preprocess, 'long.wav')).toThrow(
      expect.objectContaining({
        code: 'AUDIO_TOO_LONG',
        message: expect.stringMatching(/long\.wav.*at most 2 s.*2\.50 s/),
      }),
    );
    expect(() => decodeUpload(toneWav(2, 8000), preprocess, 'x')).not.toThrow();
    expect(() =>
      decodeUpload(new TextEncoder().encode('RIFF nonsense'), preprocess, 'bad'),
    ).toThrow(
      expect.objectContaining({
        code: 'AUDIO_DECODE_FAILED',
        message: expect.stringMatching(/^bad: /),
      }),
    );
    const truncated = toneWav(0.5, 8000).subarray(0, 60);
    expect(() => decodeUpload(truncated, preprocess, 'cut')).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^AUDIO_(DECODE_FAILED|EMPTY)$/) }),
    );
  });
});

describe('loadServedAudioModel', () => {
  it('is what loadServedModel picks for domain audio, and embeds WAVs to unit vectors', async () => {
    const model = await loadServedModel(dir);
    try {
      const [a, b, c] = await model.embed([
        { kind: 'bytes', data: toneWav(0.4, 8000) },
        { kind: 'bytes', data: toneWav(0.4, 16000) },
        { kind: 'bytes', data: toneWav(0.4, 8000, 1500) },
      ]);
      expect(a).toHaveLength(6);
      expect(Math.hypot(...a)).toBeCloseTo(1, 5);
      const cos = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i], 0);
      // The same tone at another rate is nearly the same input; another pitch is not.
      expect(cos(a, b)).toBeGreaterThan(0.99);
      expect(cos(a, b)).toBeGreaterThan(cos(a, c));
      await expect(model.embed([{ kind: 'text', text: 'yes' }])).rejects.toMatchObject({
        code: 'INPUT_KIND_MISMATCH',
      });
    } finally {
      model.dispose();
    }
  });

  it('refuses a model directory of another domain', async () => {
    await expect(loadServedAudioModel(imageDir)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/not an audio model/),
    });
  });
});
