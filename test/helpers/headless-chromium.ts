/**
 * Headless Chromium for the tests that open a page as a person would (the comparison report,
 * the embedding server's search page).
 */
import { type Browser, chromium } from 'playwright-core';

/** Debian's `chromium`, which scripts/test.sh installs; `MANYVIEWS_CHROMIUM` names another. */
export const CHROMIUM = process.env.MANYVIEWS_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Launches {@link CHROMIUM} headless. No sandbox (tests may run as root in a container), no GPU,
 * and none of the browser's own background traffic (updates, sync, QUIC probes), so the only
 * requests are the ones the page under test makes.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
