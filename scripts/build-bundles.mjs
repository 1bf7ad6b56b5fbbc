/**
 * Makes every entry's bundle current (entry-bundle.mjs), as part of `npm run build`: after an upgrade the server then
 * starts without writing anything, even from a folder it may only read.
 */
import { ENTRIES, entryBundle } from './entry-bundle.mjs';

for (const entry of ENTRIES) await entryBundle(entry);
