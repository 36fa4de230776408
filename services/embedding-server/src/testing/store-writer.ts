/**
 * A child process for the crash test of the local store: writes items as fast as it can, eight
 * at a time, and prints one line per write the store acknowledged, until it is killed.
 *
 *   node store-writer.mjs DIR START
 *
 * Lines: `ack add ID`, `start del ID` (a delete sent), `ack del ID`. The vector of item `i` is
 * (1, i, i mod 7, 1) and its metadata `{ i }`, so the parent can check what came back.
 */
import { openLocalStore } from '../store/local-store.js';

const [dir, startText] = process.argv.slice(2);
const store = await openLocalStore({ dir, compactBytes: 32 * 1024 });
if (!(await store.list()).some((c) => c.name === 'crash')) {
  await store.create({ name: 'crash', model: 'm', modelVersion: 'v1', dim: 4 });
}

let next = Number(startText);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function writer(): Promise<void> {
  for (;;) {
    const i = next++;
    const id = `item-${i}`;
    await store.write(
      'crash',
      [{ id, vector: Float32Array.of(1, i, i % 7, 1), metadata: { i } }],
      'add',
    );
    say(`ack add ${id}`);
    if (i % 5 === 4) {
      const victim = `item-${i - 2}`;
      say(`start del ${victim}`);
      await store.remove('crash', [victim]);
      say(`ack del ${victim}`);
    }
  }
}

say('ready');
await Promise.all(Array.from({ length: 8 }, writer));
