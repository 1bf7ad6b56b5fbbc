import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { AppConfig } from '#server/config';
import { launchChromium } from './chromium';
import { startServer, type RunningServer } from './http-server';

/**
 * A browser test file's app server (on its own SQLite file) and Chromium: started before the file's first test,
 * closed after its last. Read `server` and `browser` inside tests and hooks, once they have started.
 */
export function serverAndBrowser(config: Partial<AppConfig> = {}): {
  readonly server: RunningServer;
  readonly browser: Browser;
} {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(config);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is used before beforeAll started it.`);
    return value;
  };
  return {
    get server() {
      return started(server, 'app server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
