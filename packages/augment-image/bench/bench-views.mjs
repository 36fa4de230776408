// Views per second for each image transform and for whole pipelines, one thread.
//
//   pnpm --filter @manyviews/augment-image build && node packages/augment-image/bench/bench-views.mjs
//
// Optional argument: seconds per measurement (default 1.5). Rates are views per CPU-second of
// this process (all of it runs on the main thread, apart from V8's GC helpers), which stays
// meaningful when other work shares the machine; the wall-clock rate is printed beside it. Sources are smooth random images
// (random 12x16 noise upsampled), like the torchvision peer script in shared/peers, which
// reports 1036 views/s at 32x32 and 82 views/s at 224x224 for the SimCLR chain built below.
import { Rng } from '@manyviews/augment-core';
import {
  buildImagePipeline,
  colorJitter,
  defaultFashionMnistRecipe,
  fromUint8,
  gaussianBlur,
  horizontalFlip,
  normalize,
  randomGrayscale,
  randomResizedCrop,
  resizeImage,
  rotation,
} from '../dist/index.js';

const seconds = Number(process.argv[2] ?? 1.5);

function smoothImage(rng, width, height, channels) {
  const noise = new Uint8Array(12 * 16 * channels);
  for (let i = 0; i < noise.length; i++) noise[i] = rng.int(0, 255);
  return resizeImage(fromUint8(noise, 16, 12, channels), width, height);
}

function measure(label, transform, inputs) {
  const rng = new Rng(1);
  for (let i = 0; i < 20; i++) transform.run(inputs[i % inputs.length], rng.fork(i));
  let n = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let i = 0; i < inputs.length; i++, n++) transform.run(inputs[i], rng.fork(n));
    elapsed = performance.now() - t0;
  }
  const cpu = process.cpuUsage(c0);
  const rate = (n * 1e6) / (cpu.user + cpu.system);
  const wall = (n * 1000) / elapsed;
  console.log(
    `${label.padEnd(40)} ${rate.toFixed(0).padStart(8)} views/s   (wall clock ${wall.toFixed(0)})`,
  );
  return rate;
}

const simclr = (size) => ({
  version: 1,
  domain: 'image',
  name: `simclr-${size}`,
  pipeline: [
    { type: 'randomResizedCrop', size, scale: [0.08, 1] },
    { type: 'horizontalFlip' },
    {
      type: 'randomApply',
      p: 0.8,
      transform: { type: 'colorJitter', brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2 },
    },
    { type: 'randomGrayscale', p: 0.2 },
    {
      type: 'randomApply',
      p: 0.5,
      transform: { type: 'gaussianBlur', kernelSize: Math.floor(size / 10) | 1, sigma: [0.1, 2] },
    },
  ],
});

const rng = new Rng(0);
const gray28 = Array.from({ length: 16 }, () => smoothImage(rng, 28, 28, 1));
const rgb224 = Array.from({ length: 8 }, () => smoothImage(rng, 224, 224, 3));
const photos = Array.from({ length: 8 }, () => smoothImage(rng, 500, 375, 3));

const each = [
  ['randomResizedCrop', (size) => randomResizedCrop({ size })],
  ['horizontalFlip p=1', () => horizontalFlip({ p: 1 })],
  ['rotation 10', () => rotation({ degrees: 10 })],
  ['colorJitter b,c 0.4', () => colorJitter()],
  [
    'colorJitter b,c,s 0.8 h 0.2',
    () => colorJitter({ brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2 }),
  ],
  ['randomGrayscale p=1', () => randomGrayscale({ p: 1 })],
  ['gaussianBlur sigma [0.1, 2]', () => gaussianBlur()],
  ['normalize', () => normalize()],
];

console.log(`node ${process.version}, one thread, ${seconds} s per figure`);
console.log('\n28x28 gray (crop from 28x28)');
for (const [label, make] of each) measure(label, make(28), gray28);
console.log('\n224x224 RGB (crop from 500x375)');
for (const [label, make] of each) {
  measure(label, make(224), label === 'randomResizedCrop' ? photos : rgb224);
}

console.log('\nPipelines');
measure(
  'fashion-mnist-simclr, 28x28 gray',
  buildImagePipeline(defaultFashionMnistRecipe).transform,
  gray28,
);
const s32 = measure(
  'SimCLR chain, 500x375 -> 32x32 RGB',
  buildImagePipeline(simclr(32)).transform,
  photos,
);
const s224 = measure(
  'SimCLR chain, 500x375 -> 224x224 RGB',
  buildImagePipeline(simclr(224)).transform,
  photos,
);
console.log(
  `\nvs torchvision 0.14 + PIL, one thread: 32x32 ${(s32 / 1036).toFixed(1)}x, 224x224 ${(s224 / 82).toFixed(1)}x`,
);
