/**
 * The search page's script, run by the browser (see `page-html.ts`). It talks to the API with
 * relative URLs (`v1/models`, ...), so the page also works behind a proxy that serves the
 * service under a path prefix (opened as `/prefix/`).
 *
 * Everything from the server (ids, metadata, error messages) reaches the page through
 * `textContent` or an attribute, never `innerHTML`, so stored metadata cannot inject markup.
 * Previews are only `data:` URLs of images and audio, which the page's Content-Security-Policy
 * allows and which cannot run script.
 *
 * Written as plain ES2020 in a raw string (no backticks or `${` inside) because the server
 * sends it as it is; the Chromium test in test/embedding-search-page.test.ts runs it.
 */
export const PAGE_SCRIPT = String.raw`'use strict';
const KEY_NAME = 'manyviews.apiKey';
const IMAGE_URL = /^data:image\/(png|jpeg|gif|webp|avif|bmp);base64,[A-Za-z0-9+\/=]+$/;
const AUDIO_URL = /^data:audio\/[\w.+-]+;base64,[A-Za-z0-9+\/=]+$/;
const ACCEPT = { image: 'image/*', audio: '.wav,audio/wav,audio/x-wav,audio/wave' };

const $ = (id) => document.getElementById(id);
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) Object.assign(node, props);
  node.append(...children);
  return node;
}

// input: the chosen file as a data: URL (file domains); inputDomain: the domain the query
// controls show; previewUrl: the blob: URL of the chosen file, revoked when replaced.
const state = {
  models: [],
  collections: [],
  input: null,
  inputDomain: null,
  previewUrl: null,
  searching: false,
};

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// One call of the API. Every failure becomes an ApiError with the server's stable code and
// message ({ error: { code, message } }), or a code of our own when there is no such body.
async function api(path, body) {
  const headers = {};
  const key = sessionStorage.getItem(KEY_NAME);
  if (key) headers.authorization = 'Bearer ' + key;
  if (body !== undefined) headers['content-type'] = 'application/json';

  let res;
  try {
    res = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK_ERROR', 'the server could not be reached (' + err.message + ')');
  }

  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const error = json && json.error;
    const code = (error && error.code) || 'HTTP_' + res.status;
    const message = (error && error.message) || text.slice(0, 300) || res.statusText;
    throw new ApiError(res.status, code, message);
  }
  if (json === undefined) {
    const start = text.slice(0, 200);
    throw new ApiError(res.status, 'INVALID_RESPONSE', 'the answer was not JSON: ' + start);
  }
  return json;
}

function setStatus(text) {
  $('status').textContent = text;
}

function showError(err) {
  const status = err.status ? ' (HTTP ' + err.status + ')' : '';
  const code = err.code || 'ERROR';
  $('error').replaceChildren(el('code', { textContent: code }), ': ' + err.message + status);
  $('error').hidden = false;
  setStatus('');
  if (err.status === 401) showKeyPanel('This server needs an API key: paste one below.');
  if (err.status === 403) showKeyPanel('This key may not do that: use another one.');
}

function clearError() {
  $('error').hidden = true;
  $('error').replaceChildren();
}

function showKeyPanel(note) {
  $('key-panel').open = true;
  $('key-note').textContent = note;
  $('key').focus();
}

function describeKey() {
  const set = Boolean(sessionStorage.getItem(KEY_NAME));
  $('key-state').textContent = set ? 'set for this tab' : 'none';
  $('key-forget').hidden = !set;
}

async function loadCatalogue() {
  clearError();
  setStatus('Loading models and collections…');
  try {
    const [models, collections] = await Promise.all([api('v1/models'), api('v1/collections')]);
    state.models = models.data;
    state.collections = collections.data;
    setStatus('');
  } catch (err) {
    state.models = [];
    state.collections = [];
    showError(err);
  }
  fillModels();
}

function fillModels() {
  const select = $('model');
  const previous = select.value;
  select.replaceChildren();
  for (const m of state.models) {
    const label = m.name + ' — ' + m.domain + ', ' + m.embeddingDim + '-d';
    select.append(el('option', { value: m.name, textContent: label }));
  }
  select.disabled = state.models.length === 0;
  if (state.models.length === 0) {
    select.append(el('option', { value: '', textContent: 'no models loaded' }));
  }

  // Keep the choice across a reload of the lists; otherwise start on a model that has a
  // collection, since only those can be searched here.
  const names = state.models.map((m) => m.name);
  const withCollection = state.models.find((m) => collectionsOf(m.name).length > 0);
  if (names.includes(previous)) select.value = previous;
  else if (withCollection) select.value = withCollection.name;
  onModelChange();
}

function collectionsOf(model) {
  return state.collections.filter((c) => c.model === model);
}

function currentModel() {
  return state.models.find((m) => m.name === $('model').value);
}

function onModelChange() {
  const model = currentModel();
  const select = $('collection');
  select.replaceChildren();
  const list = model ? collectionsOf(model.name) : [];
  for (const c of list) {
    const stale = c.modelVersion !== model.version ? ', made by another model version' : '';
    const label = c.name + ' (' + c.count + (c.count === 1 ? ' item' : ' items') + stale + ')';
    select.append(el('option', { value: c.name, textContent: label }));
  }
  select.disabled = list.length === 0;
  if (model && list.length === 0) {
    select.append(el('option', { value: '', textContent: 'no collection uses this model' }));
  }
  $('collection-hint').textContent =
    model && list.length === 0
      ? 'Create one with POST /v1/collections {"name": "...", "model": "' + model.name + '"}.'
      : '';

  showInputFor(model ? model.domain : 'text');
  clearResults();
  updateSearchButton();
}

// Text models take typed text; every other domain takes a file, as the API does.
function showInputFor(domain) {
  const text = domain === 'text';
  $('text-input').hidden = !text;
  $('file-input').hidden = text;
  $('file').accept = ACCEPT[domain] || '';
  const what = domain === 'image' ? 'an image' : domain === 'audio' ? 'a WAV file' : 'a file';
  $('drop-text').textContent = 'Drop ' + what + ' here, or click to choose one';
  $('input-title').textContent = text ? '3. Type a query' : '3. Choose ' + what;
  if (domain !== state.inputDomain) clearFile();
  state.inputDomain = domain;
}

function clearFile() {
  state.input = null;
  $('file').value = '';
  if (state.previewUrl) URL.revokeObjectURL(state.previewUrl);
  state.previewUrl = null;
  $('file-preview').replaceChildren();
  updateSearchButton();
}

function takeFile(file) {
  if (!file) return;
  clearError();
  const reader = new FileReader();
  reader.onerror = () => {
    showError(new ApiError(0, 'FILE_READ_FAILED', 'could not read ' + file.name));
  };
  reader.onload = () => {
    // The API takes data: URLs as they are (see the service README, Inputs).
    state.input = reader.result;
    if (state.previewUrl) URL.revokeObjectURL(state.previewUrl);
    state.previewUrl = URL.createObjectURL(file);
    const size = file.size < 2048 ? file.size + ' B' : (file.size / 1024).toFixed(1) + ' KiB';
    const caption = el('span', { textContent: file.name + ' (' + size + ')' });
    const domain = state.inputDomain;
    const preview =
      domain === 'image'
        ? el('img', { src: state.previewUrl, alt: 'the query image' })
        : domain === 'audio'
          ? el('audio', { src: state.previewUrl, controls: true })
          : '';
    $('file-preview').replaceChildren(preview, caption);
    updateSearchButton();
  };
  reader.readAsDataURL(file);
}

function queryInput() {
  return state.inputDomain === 'text' ? $('text').value : state.input;
}

function updateSearchButton() {
  const ready = Boolean($('collection').value) && Boolean(queryInput());
  $('search').disabled = !ready || state.searching;
}

async function search(event) {
  event.preventDefault();
  const collection = $('collection').value;
  const input = queryInput();
  if (!collection || !input || state.searching) return;
  const k = Number($('k').value) || 10;

  clearError();
  state.searching = true;
  updateSearchButton();
  setStatus('Searching ' + collection + '…');
  const started = performance.now();
  try {
    const path = 'v1/collections/' + encodeURIComponent(collection) + '/search';
    const answer = await api(path, { input, k });
    const ms = Math.round(performance.now() - started);
    renderResults(answer.results);
    const n = answer.results.length;
    const items = n + (n === 1 ? ' item' : ' items');
    setStatus(items + ' from ' + collection + ', best first (' + ms + ' ms)');
  } catch (err) {
    clearResults();
    showError(err);
  } finally {
    state.searching = false;
    updateSearchButton();
  }
}

function clearResults() {
  $('results').hidden = true;
  $('results-body').replaceChildren();
}

// A preview for an item: the first image data URL in its metadata (the field "thumbnail"
// first), else the first audio data URL; the store keeps vectors, not the inputs themselves.
function previewOf(metadata) {
  const values = [metadata.thumbnail, ...Object.values(metadata)];
  const image = values.find((v) => typeof v === 'string' && IMAGE_URL.test(v));
  if (image) return el('img', { src: image, alt: 'thumbnail', loading: 'lazy' });
  const audio = values.find((v) => typeof v === 'string' && AUDIO_URL.test(v));
  if (audio) return el('audio', { src: audio, controls: true, preload: 'none' });
  return null;
}

function shownValue(value) {
  if (typeof value === 'string' && value.startsWith('data:')) {
    const type = value.slice(5, value.search(/[;,]/));
    return '(' + (type || 'data') + ' data URL, ' + (value.length / 1024).toFixed(1) + ' KiB)';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function metadataList(metadata) {
  const entries = Object.entries(metadata);
  if (entries.length === 0) return el('span', { className: 'empty', textContent: 'none' });
  const list = el('dl', { className: 'meta' });
  for (const [key, value] of entries) {
    list.append(el('dt', { textContent: key }), el('dd', { textContent: shownValue(value) }));
  }
  return list;
}

function renderResults(results) {
  const rows = results.map((hit, i) => {
    const preview = previewOf(hit.metadata || {});
    const meter = el('meter', { min: -1, max: 1, value: hit.score, title: 'cosine in [-1, 1]' });
    return {
      preview,
      row: el(
        'tr',
        {},
        el('td', { className: 'rank', textContent: String(i + 1) }),
        el('td', { className: 'preview' }, preview || ''),
        el('td', { className: 'id', textContent: hit.id }),
        el('td', { className: 'score' }, hit.score.toFixed(4), meter),
        el('td', { className: 'metadata' }, metadataList(hit.metadata || {})),
      ),
    };
  });

  // The preview column only shows when some item has one.
  const anyPreview = rows.some((r) => r.preview);
  $('preview-head').hidden = !anyPreview;
  for (const r of rows) r.row.children[1].hidden = !anyPreview;

  const body = $('results-body');
  body.replaceChildren(...rows.map((r) => r.row));
  if (rows.length === 0) {
    const cell = el('td', { colSpan: 5, className: 'empty', textContent: 'No item matched.' });
    body.append(el('tr', {}, cell));
  }
  $('results').hidden = false;
}

function wireDropZone() {
  const zone = $('drop');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    takeFile(e.dataTransfer.files[0]);
  });
  $('file').addEventListener('change', () => takeFile($('file').files[0]));
}

function wireKeyForm() {
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const key = $('key').value.trim();
    if (key) sessionStorage.setItem(KEY_NAME, key);
    $('key').value = '';
    $('key-note').textContent = '';
    describeKey();
    loadCatalogue();
  });
  $('key-forget').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_NAME);
    describeKey();
    loadCatalogue();
  });
}

$('model').addEventListener('change', onModelChange);
$('collection').addEventListener('change', () => {
  clearResults();
  updateSearchButton();
});
$('text').addEventListener('input', updateSearchButton);
// Enter types a new line in the text; Ctrl+Enter (Cmd+Enter) searches, as in most editors.
$('text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('query-form').requestSubmit();
});
$('reload').addEventListener('click', loadCatalogue);
$('query-form').addEventListener('submit', search);
wireDropZone();
wireKeyForm();
describeKey();
loadCatalogue();
`;
