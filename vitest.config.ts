import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests import workspace packages from source, so a change is tested without a rebuild. The
// end-to-end tests in test/ drive the built CLI and worker threads, which run from dist/.
const alias = [
  {
    find: /^@manyviews\/embedding-server$/,
    replacement: here('./services/embedding-server/src/index.ts'),
  },
  { find: /^@manyviews\/(.+)$/, replacement: here('./packages/$1/src/index.ts') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
