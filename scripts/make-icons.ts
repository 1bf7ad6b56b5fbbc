/**
 * Draws the home-screen icons from the logo (client/public/favicon.svg) with Chromium, once: the PNGs are committed,
 * so neither a build nor `npm start` needs a browser. Run again after the logo changes:
 * `node --import tsx scripts/make-icons.ts`.
 *
 * - icon-192.png, icon-512.png: the two rings on the app's paper colour, with a small margin (purpose "any");
 * - icon-maskable-512.png: the same with the rings inside the middle 60 %, so any shape a phone cuts stays clear
 *   of them (a maskable icon's safe zone is the centred circle of 80 % diameter);
 * - apple-touch-icon.png (180 px): iOS rounds the corners itself and shows transparency as black, so it is opaque.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../tests/helpers/chromium';

/** `--bg` of client/styles.css (light): the background of every icon and of the manifest. */
const PAPER = '#f7f4ef';
const outDir = path.resolve('client/public/icons');
const logo = fs.readFileSync(path.resolve('client/public/favicon.svg'), 'utf8');

const ICONS = [
  { file: 'icon-192.png', size: 192, logoShare: 0.84 },
  { file: 'icon-512.png', size: 512, logoShare: 0.84 },
  { file: 'icon-maskable-512.png', size: 512, logoShare: 0.6 },
  { file: 'apple-touch-icon.png', size: 180, logoShare: 0.76 },
];

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium();
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
      const logoSize = Math.round(icon.size * icon.logoShare);
      await page.setContent(
        `<!doctype html><html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;background:${PAPER};` +
          `display:grid;place-items:center">` +
          `<div style="width:${logoSize}px;height:${logoSize}px">${logo.replace('<svg ', `<svg width="${logoSize}" height="${logoSize}" `)}</div>` +
          `</body></html>`,
      );
      await page.screenshot({ path: path.join(outDir, icon.file), omitBackground: false });
      await page.close();
      console.log(`${icon.file}: ${icon.size}x${icon.size}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
