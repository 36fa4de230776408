// Throughput of text views on one thread, over real WordNet 3.1 glosses (the test split).
//
//   npx tsc -b packages/augment-text && node packages/augment-text/bench/bench-text.mjs [glosses]
//
// Prints the time to load WordNet and the glosses, then sentences per second for the default
// recipe (tokenise, then one view drawn and applied; then two views with makeViews) and for each
// transform alone at its defaults, each the best of three passes.
// Runs from the built dist/, as a user's code would.
import { cpus } from 'node:os';
import { buildRecipe, Rng } from '@manyviews/augment-core';
import {
  defaultTextRecipe,
  loadWordNet,
  loadWordNetGlosses,
  makeViews,
  textRegistry,
  tokenize,
} from '../dist/index.js';

const count = Number(process.argv[2] ?? 5000);

let started = performance.now();
await loadWordNet();
const wordnetMs = performance.now() - started;

started = performance.now();
const { test } = await loadWordNetGlosses({ split: 'test' });
const glossesMs = performance.now() - started;
const texts = test.slice(0, count).map((g) => g.text);
const words = texts.reduce((n, t) => n + tokenize(t).tokens.length, 0) / texts.length;

/**
 * Sentences per second of `fn` over the texts: the best of three passes after a warm-up pass, so
 * the JIT has settled and a neighbour's burst on a shared core does not decide the figure.
 */
function rate(fn) {
  for (let i = 0; i < texts.length; i++) fn(texts[i], i);
  let best = 0;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = performance.now();
    for (let i = 0; i < texts.length; i++) fn(texts[i], i);
    best = Math.max(best, texts.length / ((performance.now() - t0) / 1000));
  }
  return best;
}

const root = new Rng(1);
const { transform } = buildRecipe(defaultTextRecipe, textRegistry);

console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one thread`);
console.log(`WordNet synonyms loaded in ${wordnetMs.toFixed(0)} ms`);
console.log(`${test.length} test glosses loaded in ${glossesMs.toFixed(0)} ms`);
console.log(`${texts.length} glosses, ${words.toFixed(1)} tokens each on average`);
console.log('');
console.log(
  `tokenize only                ${rate((t) => tokenize(t))
    .toFixed(0)
    .padStart(8)} sentences/s`,
);
console.log(
  `default recipe (eda), 1 view ${rate((t, i) => transform.run(tokenize(t), root.fork(i)))
    .toFixed(0)
    .padStart(8)} sentences/s`,
);
console.log(
  `default recipe, 2 views      ${rate((t, i) => makeViews(t, transform, root.fork(i), 2))
    .toFixed(0)
    .padStart(8)} sentences/s`,
);
console.log('');
console.log('each transform alone, defaults (tokenize included):');
for (const name of textRegistry.names()) {
  const alone = buildRecipe(
    { version: 1, domain: 'text', pipeline: [{ type: name }] },
    textRegistry,
  ).transform;
  const r = rate((t, i) => alone.run(tokenize(t), root.fork(i)));
  console.log(`  ${name.padEnd(20)} ${r.toFixed(0).padStart(8)} sentences/s`);
}
