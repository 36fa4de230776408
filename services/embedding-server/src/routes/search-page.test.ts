import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { parseApiKeys } from '../auth.js';
import { createModelRegistry } from '../model-registry.js';
import { fakeImageModel, fakeTextModel } from '../testing/fake-models.js';
import { expectError } from '../testing/http.js';

const registry = createModelRegistry([fakeImageModel(), fakeTextModel()]);
const open = createApp({ registry });
const KEY = 'page-test-key-0123456789';
const locked = createApp({ registry, apiKeys: parseApiKeys(KEY) });

async function page(app = open): Promise<{ res: Response; html: string }> {
  const res = await app.request('/');
  return { res, html: await res.text() };
}

/** The text of every `<tag>...</tag>` element of the page. */
function inline(html: string, tag: 'script' | 'style'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64');

describe('GET /', () => {
  it('serves an HTML page', async () => {
    const { res, html } = await page();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<select id="model">');
    expect(html).toContain('<input type="file" id="file">');
  });

  it('refers to no other host: every src and href is relative or a data: URL', async () => {
    const { html } = await page();

    expect(html).not.toMatch(/https?:\/\//i);
    for (const style of inline(html, 'style')) expect(style).not.toMatch(/@import|url\(/i);
    const links = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^(data:|[a-z][\w./-]*$)/);
    // Nothing loaded by element either: the one script and the one style are inline.
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link[^>]*stylesheet/i);
  });

  it('allows exactly its own inline script and style by hash, and calls only its origin', async () => {
    const { res, html } = await page();
    const csp = res.headers.get('content-security-policy') ?? '';
    const scripts = inline(html, 'script');
    const styles = inline(html, 'style');

    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hashOf(scripts[0])}'`);
    expect(csp).toContain(`style-src 'sha256-${hashOf(styles[0])}'`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('holds a script that parses', async () => {
    const [script] = inline((await page()).html, 'script');

    expect(() => new Script(script)).not.toThrow();
  });

  it('loads without a key when keys are configured, while the API still needs one', async () => {
    const { res, html } = await page(locked);

    expect(res.status).toBe(200);
    expect(html).toContain('id="key-form"');
    await expectError(await locked.request('/v1/models'), 401, 'UNAUTHORIZED');
  });

  it('answers other methods with 405', async () => {
    const res = await open.request('/', { method: 'POST' });

    await expectError(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('GET');
  });
});
