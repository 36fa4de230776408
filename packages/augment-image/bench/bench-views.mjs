// Images per second for each image transform and for the SimCLR recipe, on one thread and on
// every core (worker_threads), at 224x224 RGB and 28x28 gray.
//
//   pnpm --filter @manyviews/augment-image bench            (builds first)
//   node packages/augment-image/bench/bench-views.mjs [seconds] [workers] [only]
//
// `only` is a regular expression on the row names (`simclr|colorJitter`) to measure fewer rows.
//
// The SimCLR rows run as a training loop would: a view is dropped after use (a fresh output
// buffer per view) or, in the "views recycled" rows, handed back with `transform.recycle(view)`
// (no allocation per view; see buildImagePipeline).
//
// Rates are images per CPU-second of the measuring thread (fair when other jobs share the
// machine), with the wall-clock rate beside them; the all-cores figure is the sum over workers of
// wall-clock rates, all running at once. Inputs are synthetic photos: a smooth scene (sky
// gradient, sun, hills) at 224x224 and at 500x375 (ImageNet's typical size, for crops), and its
// luma at 28x28. Published single-thread albumentations figures at 224x224 are printed beside
// the matching transforms.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Rng } from '@manyviews/augment-core';
import { buildImagePipeline, imageRegistry, simclrRecipe, syntheticScene } from '../dist/index.js';

const ALBUMENTATIONS = { randomResizedCrop: 4300, colorJitter: 1000, gaussianBlur: 2300 };
// Transforms with a probability run with p = 1 here, so the figure is the cost of doing it.
const ALWAYS = {
  horizontalFlip: { p: 1 },
  verticalFlip: { p: 1 },
  randomGrayscale: { p: 1 },
  solarize: { p: 1 },
  posterize: { p: 1 },
  equalize: { p: 1 },
  autoContrast: { p: 1 },
  invert: { p: 1 },
  sharpen: { p: 1 },
  randomPerspective: { p: 1 },
  randomErasing: { p: 1 },
  colorJitter: { brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2 },
  gaussianBlur: { sigma: [0.1, 2], kernelFraction: 0.1 },
  rotation: { degrees: 30 },
  randomAffine: { degrees: 15, translate: [0.1, 0.1], scale: [0.9, 1.1], shear: [-10, 10] },
};

function simclrAt(size) {
  const pipeline = structuredClone(simclrRecipe.pipeline);
  pipeline[0] = { ...pipeline[0], size };
  return { ...simclrRecipe, pipeline };
}

function inputs(kind) {
  if (kind === 'photo') return [syntheticScene(500, 375, 3)];
  if (kind === 'rgb224') return [syntheticScene(224, 224, 3)];
  return [syntheticScene(28, 28, 1)];
}

function build(job) {
  if (job.recipe) return buildImagePipeline(job.recipe).transform;
  const step = { type: job.name, ...(ALWAYS[job.name] ?? {}), ...(job.extra ?? {}) };
  return buildImagePipeline({ version: 1, domain: 'image', pipeline: [step] }).transform;
}

function measure(job) {
  const transform = build(job);
  const imgs = inputs(job.input);
  const rng = new Rng(1);
  // Warm up for half the measuring time: colour jitter compiles one kernel per order of its
  // adjustments and the blur one per radius, and a training run sees only the steady state.
  const warm = performance.now();
  for (let i = 0; i < 30 || performance.now() - warm < job.seconds * 500; i++) {
    const view = transform.run(imgs[i % imgs.length], rng.fork('warm', i)).output;
    if (job.recycle) transform.recycle(view);
  }
  let n = 0;
  const t0 = performance.now();
  const c0 = process.threadCpuUsage ? process.threadCpuUsage() : process.cpuUsage();
  let elapsed = 0;
  while (elapsed < job.seconds * 1000) {
    for (let k = 0; k < 10; k++, n++) {
      const view = transform.run(imgs[n % imgs.length], rng.fork(n)).output;
      if (job.recycle) transform.recycle(view);
    }
    elapsed = performance.now() - t0;
  }
  const cpu = process.threadCpuUsage ? process.threadCpuUsage(c0) : process.cpuUsage(c0);
  return { cpu: (n * 1e6) / (cpu.user + cpu.system), wall: (n * 1000) / elapsed };
}

if (!isMainThread) {
  parentPort.postMessage(measure(workerData));
} else {
  const seconds = Number(process.argv[2] ?? 1);
  const workers = Number(process.argv[3] ?? availableParallelism());
  const only = new RegExp(process.argv[4] ?? '.', 'i');
  const row = (label, r, extra = '') =>
    console.log(
      `${label.padEnd(44)} ${r.cpu.toFixed(0).padStart(8)}   ${r.wall.toFixed(0).padStart(8)}${extra}`,
    );
  const parallel = async (job) => {
    const runs = Array.from(
      { length: workers },
      () =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), { workerData: job });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    );
    const results = await Promise.all(runs);
    return results.reduce((a, r) => a + r.wall, 0);
  };

  console.log(`node ${process.version}, ${seconds} s per figure, ${workers} workers for "all"`);
  console.log(`${'images/s'.padEnd(44)} ${'1 thread'.padStart(8)}   ${'(wall)'.padStart(8)}`);
  for (const [title, input] of [
    ['224x224 RGB (crops from a 500x375 photo)', 'rgb224'],
    ['28x28 gray', 'gray28'],
  ]) {
    console.log(`\n${title}`);
    for (const name of imageRegistry.names().filter((n) => only.test(n))) {
      const size = input === 'gray28' ? 28 : 224;
      const sized = ['randomResizedCrop', 'randomCrop', 'centerCrop'].includes(name)
        ? { size }
        : name === 'resize'
          ? { size: Math.round(size * 0.75) }
          : {};
      const job = {
        name,
        extra: sized,
        input: name === 'randomResizedCrop' && input === 'rgb224' ? 'photo' : input,
        seconds: name.endsWith('Compression') ? seconds / 2 : seconds,
      };
      const peer = input === 'rgb224' && ALBUMENTATIONS[name];
      row(name, measure(job), peer ? `   albumentations ${peer}` : '');
    }
  }

  console.log('\nSimCLR recipe (crop, flip, jitter p 0.8, gray p 0.2, blur p 0.5)');
  const implied = 1 / (1 / 4300 + 1 / 1000 + 1 / 2300);
  for (const [label, job] of [
    ['500x375 photo -> 224x224 RGB', { recipe: simclrAt(224), input: 'photo', seconds }],
    ['224x224 photo -> 224x224 RGB', { recipe: simclrAt(224), input: 'rgb224', seconds }],
    ['28x28 gray -> 28x28', { recipe: simclrAt(28), input: 'gray28', seconds }],
    [
      '500x375 -> 224x224 RGB, views recycled',
      { recipe: simclrAt(224), input: 'photo', seconds, recycle: true },
    ],
    [
      '28x28 gray -> 28x28, views recycled',
      { recipe: simclrAt(28), input: 'gray28', seconds, recycle: true },
    ],
  ]) {
    if (!only.test(`simclr ${label}`)) continue;
    const one = measure(job);
    const all = await parallel(job);
    row(label, one, `   all cores ${all.toFixed(0)}`);
  }
  console.log(
    `\nalbumentations crop + jitter + blur on one thread, all applied: ${implied.toFixed(0)} images/s`,
  );
}
