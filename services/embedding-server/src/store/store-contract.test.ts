import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { storeContract } from '../testing/store-contract.js';
import { createMemoryStore, openLocalStore } from './local-store.js';

// The PostgreSQL store runs the same contract in postgres-store.test.ts.
describe('the store contract: local store in memory', () => {
  storeContract(async () => createMemoryStore());
});

describe('the store contract: local store on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mv-contract-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // One directory for every test, reopened each time: the contract's collections must survive.
  storeContract(() => openLocalStore({ dir }));
});
