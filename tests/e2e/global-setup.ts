import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { CHROMIUM_PATH } from '../helpers/chromium';
import { CLIENT_DIR } from '../helpers/http-server';

const HOW_TO = `Install Debian's Chromium, then run the tests again:\n  sudo apt-get update && sudo apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium or Chrome binary).`;

/** Browser tests need Debian's Chromium: install it when we can (root with apt-get), otherwise say how. */
function ensureChromium() {
  if (fs.existsSync(CHROMIUM_PATH)) return;
  const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get') && !process.env.CHROMIUM_PATH;
  if (!canInstall) throw new Error(`The browser tests need Chromium at ${CHROMIUM_PATH}, and it is missing.\n${HOW_TO}`);
  console.log(`Chromium is missing at ${CHROMIUM_PATH}: installing Debian's chromium package with apt-get (one time)…`);
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  } catch {
    throw new Error(`Installing Chromium with apt-get failed.\n${HOW_TO}`);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`apt-get finished but ${CHROMIUM_PATH} is still missing.\n${HOW_TO}`);
}

/** The browser tests drive the built client; build it when it is missing (npm test builds it first anyway). */
function ensureClientBuild() {
  if (fs.existsSync(`${CLIENT_DIR}/index.html`)) return;
  console.log('No client build found: running `vite build` for the browser tests…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}

export default function setup() {
  ensureChromium();
  ensureClientBuild();
}
