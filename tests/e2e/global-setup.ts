import fs from 'node:fs';
import path from 'node:path';
import { ensureClientBuild } from '#server/client-build';
import { ensureChromium } from '../helpers/chromium';
import { CLIENT_DIR } from '../helpers/http-server';

/** Once before any browser test file, so a missing Chromium stops the run with one message, not one per file. */
export default async function setup() {
  ensureChromium();
  // The browser tests drive the built client (npm test builds it first anyway). A build named by
  // TANDEM_TEST_CLIENT_DIR is the caller's to make.
  if (process.env.TANDEM_TEST_CLIENT_DIR === undefined) await ensureClientBuild(CLIENT_DIR);
  else if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) throw new Error(`No client build in ${CLIENT_DIR}.`);
}
