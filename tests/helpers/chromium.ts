import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core: no browser download, which this environment cannot do. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless as root in a container, and quiet: no calls home to update, sync or fetch anything. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

const HOW_TO = `Install Debian's Chromium, then run this again:\n  sudo apt-get update && sudo apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium or Chrome binary).`;

/**
 * The one place that provides Chromium, for the browser tests, the screenshots and the bench alike, so that `npm test`
 * on a fresh machine needs no step of its own: install Debian's package when we can (root with apt-get, and say so),
 * otherwise stop with the command to run. A CHROMIUM_PATH chosen by hand is never installed over.
 */
export function ensureChromium(): void {
  if (fs.existsSync(CHROMIUM_PATH)) return;
  const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get') && !process.env.CHROMIUM_PATH;
  if (!canInstall) throw new Error(`Chromium is needed at ${CHROMIUM_PATH}, and it is missing.\n${HOW_TO}`);
  console.log(`Chromium is missing at ${CHROMIUM_PATH}: installing Debian's chromium package with apt-get (one time)…`);
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
    });
  } catch {
    throw new Error(`Installing Chromium with apt-get failed.\n${HOW_TO}`);
  }
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`apt-get finished but ${CHROMIUM_PATH} is still missing.\n${HOW_TO}`);
}

export function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
