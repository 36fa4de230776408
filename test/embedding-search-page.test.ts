/**
 * The embedding server's search page (`GET /`) as a person uses it, in headless Chromium
 * (Debian's, which scripts/test.sh installs): choose a model and a collection, give an image, a
 * text or a WAV, and read the nearest items. The server is real (127.0.0.1, port 0) with fake
 * models whose vectors are known, so the expected nearest item and its score are worked out
 * here. No request may leave the server's origin, and the page's CSP must let its own script
 * run (a blocked script would leave every select empty). Screenshots go to a temporary folder.
 * The tests skip, saying why, only when there is no Chromium binary at all; one that is there
 * but fails to start fails them.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageBytes, unit } from '../services/embedding-server/src/testing/fake-models.js';
import { CHROMIUM, launchChromium } from './helpers/headless-chromium.js';
import { type SearchFixture, startSearchFixture } from './helpers/search-page-fixture.js';

const MISSING =
  `${CHROMIUM} is missing, so the search page is not checked in a browser: ` +
  "run scripts/test.sh, which installs Debian's chromium";
const KEY = 'search-page-key-0123456789abcdef';

// The callbacks given to page.evaluate run in the page, but are type-checked here, where the
// repo's tsconfig has no DOM library: these are the few browser globals they use.
declare const DataTransfer: new () => { items: { add(file: File): void } };
declare const sessionStorage: { getItem(key: string): string | null };
declare const localStorage: { length: number };

const available = existsSync(CHROMIUM);
let browser: Browser | undefined;
let open: SearchFixture;
let locked: SearchFixture;
let shots: string;

beforeAll(async () => {
  shots = await mkdtemp(path.join(tmpdir(), 'search-page-'));
  open = await startSearchFixture();
  locked = await startSearchFixture(KEY);
  if (!available) return;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await open?.close();
  await locked?.close();
});

/**
 * A new page on `origin`, recording what would be a defect: a page error, a console error or
 * warning (a CSP violation among them), a request to anywhere but the server. The console
 * line Chromium prints for each 4xx answer is expected where the test provokes one.
 */
async function openPage(origin: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1100, height: 800 } });
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    const expected4xx = /^Failed to load resource: the server responded with a status of 4\d\d/;
    if ((m.type() === 'error' || m.type() === 'warning') && !expected4xx.test(m.text()))
      problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'))
      problems.push(`request: ${url}`);
  });
  const res = await page.goto(`${origin}/`);
  expect(res?.status()).toBe(200);
  return { page, problems };
}

/** The results table, one object a row. */
function resultRows(page: Page) {
  return page.$$eval('#results-body tr', (rows) =>
    rows.map((row) => ({
      id: row.querySelector('.id')?.textContent,
      score: row.querySelector('.score')?.textContent,
      metadata: row.querySelector('.metadata')?.textContent,
    })),
  );
}

/** Saves a full-page screenshot in the test's temporary folder and checks it is a PNG. */
async function screenshot(page: Page, name: string): Promise<void> {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const bytes = await readFile(file);
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
}

/** Chooses a file in the page's file input, as a click on "choose" would, and waits for it. */
async function chooseImage(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.setInputFiles('#file', { name, mimeType: 'image/png', buffer: Buffer.from(bytes) });
  await page.locator('#file-preview img').waitFor();
}

/** Clicks Search and waits for the first row of results. */
async function searchAndWait(page: Page): Promise<void> {
  await page.click('#search');
  await page.locator('#results-body tr').first().waitFor();
}

const cosine = (a: number[], b: number[]) =>
  unit(...a).reduce((sum, x, i) => sum + x * unit(...b)[i], 0);

describe('the search page in headless Chromium', () => {
  it('finds the nearest image of a collection, with its score, metadata and thumbnail', async ({
    skip,
  }) => {
    skip(!available, MISSING);
    const { page, problems } = await openPage(open.server.url);

    await page.selectOption('#model', 'fake-image');
    await page.selectOption('#collection', 'shoes');
    expect(await page.getAttribute('#file', 'accept')).toBe('image/*');
    await chooseImage(page, 'query.png', imageBytes(3, 4, 0, 1));
    await searchAndWait(page);

    const rows = await resultRows(page);
    expect(rows.map((r) => r.id)).toEqual(['boot', 'sneaker', 'sandal']);
    expect(rows[0].score).toBe(cosine([3, 4, 0, 1], [3, 4, 0, 0]).toFixed(4));
    expect(rows[0].metadata).toMatch(/kindboot/);
    expect(rows[0].metadata).toMatch(/image\/png data URL/);
    const thumbnail = await page.$eval(
      '#results-body tr:first-child td.preview img',
      (img) => img.naturalWidth,
    );
    expect(thumbnail).toBe(32);
    await expect.poll(() => page.textContent('#status')).toMatch(/^3 items from shoes/);

    await screenshot(page, 'image-search');
    expect(problems).toEqual([]);
  });

  it('searches text typed in (Ctrl+Enter), and says when a model has no collection', async ({
    skip,
  }) => {
    skip(!available, MISSING);
    const { page, problems } = await openPage(open.server.url);

    await page.selectOption('#model', 'unused-text');
    expect(await page.isDisabled('#collection')).toBe(true);
    expect(await page.textContent('#collection-hint')).toContain('POST /v1/collections');

    await page.selectOption('#model', 'fake-text');
    await page.selectOption('#collection', 'glosses');
    expect(await page.isVisible('#file-input')).toBe(false);
    await page.fill('#text', 'bbba');
    await page.fill('#k', '2');
    await page.press('#text', 'Control+Enter');
    await page.locator('#results-body tr').first().waitFor();

    const rows = await resultRows(page);
    expect(rows.map((r) => r.id)).toEqual(['all-b', 'all-a']);
    expect(rows[0].score).toBe(cosine([1, 3, 0, 0], [0, 4, 0, 0]).toFixed(4));
    expect(await page.isVisible('#preview-head')).toBe(false);
    await screenshot(page, 'text-search');
    expect(problems).toEqual([]);
  });

  it('takes a dropped WAV for an audio model and offers each item’s clip', async ({ skip }) => {
    skip(!available, MISSING);
    const { page, problems } = await openPage(open.server.url);

    await page.selectOption('#model', 'fake-audio');
    await page.selectOption('#collection', 'words');
    expect(await page.getAttribute('#file', 'accept')).toContain('.wav');
    const dataTransfer = await page.evaluateHandle(
      (bytes) => {
        const transfer = new DataTransfer();
        const file = new File([new Uint8Array(bytes)], 'query.wav', { type: 'audio/wav' });
        transfer.items.add(file);
        return transfer;
      },
      Array.from(imageBytes(1, 5, 0, 0)),
    );
    await page.dispatchEvent('#drop', 'drop', { dataTransfer });
    await page.locator('#file-preview audio').waitFor({ state: 'attached' });
    await searchAndWait(page);

    expect((await resultRows(page)).map((r) => r.id)).toEqual(['no', 'yes']);
    expect(await page.locator('#results-body td.preview audio').count()).toBe(2);
    expect(problems).toEqual([]);
  });

  it('shows an API error readably: its code, message and status', async ({ skip }) => {
    skip(!available, MISSING);
    const { page, problems } = await openPage(open.server.url);

    await page.selectOption('#model', 'fake-image');
    await chooseImage(page, 'notes.png', new TextEncoder().encode('these are not pixels'));
    await page.click('#search');
    await page.locator('#error').waitFor();

    const error = await page.textContent('#error');
    expect(error).toMatch(/^IMAGE_DECODE_FAILED: input 0 is not an image.*\(HTTP 400\)$/);
    expect(await page.isVisible('#results')).toBe(false);
    await screenshot(page, 'error');
    expect(problems).toEqual([]);
  });

  it('loads without a key, asks for one, and keeps it in this tab only', async ({ skip }) => {
    skip(!available, MISSING);
    const { page, problems } = await openPage(locked.server.url);

    await page.locator('#error').waitFor();
    expect(await page.textContent('#error')).toMatch(/^UNAUTHORIZED: .*\(HTTP 401\)$/);
    expect(await page.getAttribute('#key-panel', 'open')).not.toBeNull();

    await page.fill('#key', KEY);
    await page.click('#key-form button[type=submit]');
    await page.selectOption('#model', 'fake-image');
    expect(await page.isVisible('#error')).toBe(false);
    expect(await page.textContent('#key-state')).toBe('set for this tab');
    await chooseImage(page, 'query.png', imageBytes(0, 0, 4, 1));
    await searchAndWait(page);
    expect((await resultRows(page))[0].id).toBe('sandal');

    const stored = await page.evaluate(() => ({
      session: sessionStorage.getItem('manyviews.apiKey'),
      local: localStorage.length,
    }));
    expect(stored).toEqual({ session: KEY, local: 0 });
    await page.reload();
    await page.selectOption('#model', 'fake-image');
    expect(await page.isVisible('#error')).toBe(false);
    expect(problems).toEqual([]);
  });
});
