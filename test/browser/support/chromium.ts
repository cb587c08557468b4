import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Debian's chromium package; test tools' own browser downloads cannot run here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser suites run: they do when chromium is installed; with CI=true they also
 * "run" without it, so that its absence fails the build instead of passing silently.
 */
export function browserSuite(): { readonly run: boolean; readonly missing?: string } {
  if (fs.existsSync(CHROMIUM_PATH)) {
    return { run: true };
  }
  const missing = `${CHROMIUM_PATH} not found: apt-get install -y chromium (.ci/run does)`;
  if (process.env.CI === 'true') {
    return { run: true, missing };
  }
  console.warn(`skipping the browser test: ${missing}`);
  return { run: false, missing };
}

/** Headless chromium with a fresh profile directory, removed again on close. */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  // Playwright refuses --user-data-dir in `args`: a persistent context is how it takes one.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
