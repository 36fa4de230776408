import { createHash } from 'node:crypto';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

/** The search page and the headers it must be served with. */
export interface SearchPage {
  /** One self-contained HTML document: style and script inline, nothing fetched elsewhere. */
  html: string;
  /** The `Content-Security-Policy` header value that goes with `html`. */
  csp: string;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

// CSP Level 3 (https://www.w3.org/TR/CSP3/): only the page's own inline script and style run,
// matched by hash, so an injected element could neither run nor restyle anything. Previews are
// data: URLs (item metadata) or blob: URLs (the chosen file); the page calls only its own
// origin; it cannot be framed, and its forms go nowhere (their submit is handled by script).
function policy(): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(PAGE_SCRIPT)}`,
    `style-src ${sha256(PAGE_STYLE)}`,
    'img-src data: blob:',
    'media-src data: blob:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const BODY = `<header><h1>ManyViews search</h1>
<p>The nearest items of a collection to an image, a text or a sound.</p>
<a href="docs">API reference</a></header>
<main>
<details class="card key" id="key-panel">
<summary>API key: <span id="key-state">none</span></summary>
<p class="hint" id="key-note"></p>
<form id="key-form"><input type="password" id="key" autocomplete="off" aria-label="API key"
placeholder="paste a key"><button type="submit">Use key</button>
<button type="button" class="plain" id="key-forget" hidden>Forget</button></form>
<p class="hint">Needed only when the server has API keys. Kept in this tab's sessionStorage and sent
as <code>Authorization: Bearer</code>; closing the tab forgets it.</p>
</details>
<p id="error" role="alert" hidden></p>
<form id="query-form" class="card">
<div class="steps">
<label class="field">1. Model<select id="model"></select></label>
<label class="field">2. Collection<select id="collection"></select>
<span class="hint" id="collection-hint"></span></label>
</div>
<h2 id="input-title">3. Type a query</h2>
<div id="text-input"><textarea id="text" aria-label="query text"
placeholder="Type a text to search for"></textarea></div>
<div id="file-input" hidden><label class="drop" id="drop"><input type="file" id="file">
<span id="drop-text"></span><span id="file-preview"></span></label></div>
<div class="row"><label class="field">Results (k)<input type="number" id="k" min="1" value="10">
</label><button id="search" type="submit" disabled>Search</button>
<button type="button" class="plain" id="reload">Reload lists</button>
<p id="status" aria-live="polite"></p></div>
</form>
<section class="card" id="results" hidden><h2>Nearest items</h2>
<table id="results-table"><thead><tr><th>#</th><th id="preview-head">Preview</th><th>Id</th>
<th>Score (cosine)</th><th>Metadata</th></tr></thead><tbody id="results-body"></tbody></table>
</section>
</main>`;

/**
 * Renders the search page served at `GET /`: pick a model and one of its collections, give a
 * query (text typed in, or an image or WAV file chosen or dropped, by the model's domain), and
 * see the nearest items with their scores, ids, metadata and previews.
 *
 * @returns the HTML and its Content-Security-Policy; the same for every call
 */
export function renderSearchPage(): SearchPage {
  // rel=icon points at an empty data: URL so the browser does not ask for /favicon.ico.
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ManyViews search</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><style>${PAGE_STYLE}</style></head>
<body>${BODY}<script>${PAGE_SCRIPT}</script></body></html>`;

  return { html, csp: policy() };
}
