import { ensureClientBuild } from '#server/client-build';
import { ensureChromium } from '../helpers/chromium';
import { CLIENT_DIR } from '../helpers/http-server';

/** Once before any browser test file, so a missing Chromium stops the run with one message, not one per file. */
export default async function setup() {
  ensureChromium();
  // The browser tests drive the built client (npm test builds it first anyway).
  await ensureClientBuild(CLIENT_DIR);
}
