import type { RouteDef } from '../route-def.js';
import { renderSearchPage } from '../search-page/page-html.js';

/**
 * `GET /`: a page for searching collections from a browser (see `search-page/page-html.ts`).
 * Public, so it loads without an API key; the API calls it makes need one when keys are
 * configured, and the page asks for it. Loads nothing from any other host.
 */
export function searchPageRoute(): RouteDef {
  const page = renderSearchPage();
  return {
    method: 'GET',
    path: '/',
    operationId: 'searchPage',
    summary: 'A web page to search collections by image, text or WAV',
    tag: 'service',
    access: 'public',
    responses: { 200: { description: 'text/html' } },
    handler: function searchPage(c) {
      c.header('content-security-policy', page.csp);
      c.header('x-content-type-options', 'nosniff');
      return c.html(page.html);
    },
  };
}
