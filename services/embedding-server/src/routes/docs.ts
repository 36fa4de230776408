import type { OpenApiDocument } from '../openapi/build-openapi.js';
import type { RouteDef } from '../route-def.js';

// Everything the page needs is inline: the server may run where no CDN is reachable, and a
// page that loads nothing from elsewhere cannot be changed by anyone else.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'";

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}
h2{border-bottom:1px solid #ccc;margin-top:2rem}details{margin:.4rem 0;border:1px solid #ddd;border-radius:4px}
summary{cursor:pointer;padding:.4rem .6rem;font-family:monospace}
.m{display:inline-block;width:4.5rem;font-weight:bold}.GET{color:#16a}.POST{color:#282}
.PUT{color:#a60}.DELETE{color:#b22}.key{color:#777;font-size:.85em;margin-left:.6rem}
pre{background:#f6f6f6;padding:.6rem;overflow:auto;margin:.3rem .6rem;font-size:13px}
.body{padding:0 .6rem .6rem}`;

// Renders the embedded document with DOM calls only (textContent, never innerHTML of document
// strings), so a description cannot inject markup.
const SCRIPT = `const doc=JSON.parse(document.getElementById('openapi').textContent);
const el=(t,a={},...c)=>{const e=document.createElement(t);Object.assign(e,a);e.append(...c);return e};
const main=document.getElementById('ops');const byTag={};
for(const[p,ops]of Object.entries(doc.paths))for(const[m,op]of Object.entries(ops))(byTag[op.tags[0]]??=[]).push([m.toUpperCase(),p,op]);
for(const[tag,ops]of Object.entries(byTag)){main.append(el('h2',{textContent:tag}));
for(const[m,p,op]of ops){const s=el('summary',{},el('span',{className:'m '+m,textContent:m}),p,
el('span',{className:'key',textContent:op.security.length?'key: '+op['x-access']:'no key'}));
const b=el('div',{className:'body'},el('p',{textContent:op.summary+(op.description?'. '+op.description:'')}));
const show=(label,v)=>b.append(el('strong',{textContent:label}),el('pre',{textContent:JSON.stringify(v,null,2)}));
if(op.parameters)show('path parameters',Object.fromEntries(op.parameters.map(x=>[x.name,x.schema])));
for(const[t,c]of Object.entries(op.requestBody?.content??{}))show('request '+t,c.schema);
for(const[st,r]of Object.entries(op.responses))show(st+' '+r.description,r.content?.['application/json']?.schema??'(no body)');
main.append(el('details',{},s,b))}}`;

/**
 * Renders the docs page: one self-contained HTML file with the OpenAPI document embedded in it.
 *
 * @param document the OpenAPI document
 * @returns the HTML text
 */
export function renderDocsPage(document: OpenApiDocument): string {
  // `<` escaped so that no string in the document can close the script element early.
  const json = JSON.stringify(document).replace(/</g, '\\u003c');
  const title = escapeHtml(document.info.title);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body><h1>${title} <small>${escapeHtml(document.info.version)}</small></h1>
<p>${escapeHtml(document.info.description)} The machine-readable document is at
<a href="openapi.json">/openapi.json</a>.</p><main id="ops"></main>
<script type="application/json" id="openapi">${json}</script><script>${SCRIPT}</script>
</body></html>`;
}

/**
 * `GET /docs`: the API reference as a page, rendered in the browser from the embedded document.
 * Public, and loads nothing from any other host.
 */
export function docsRoute(document: () => OpenApiDocument): RouteDef {
  let html: string | undefined;
  return {
    method: 'GET',
    path: '/docs',
    operationId: 'docs',
    summary: 'This reference as an HTML page',
    tag: 'service',
    access: 'public',
    responses: { 200: { description: 'text/html' } },
    handler: function docs(c) {
      html ??= renderDocsPage(document());
      c.header('content-security-policy', CSP);
      return c.html(html);
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
