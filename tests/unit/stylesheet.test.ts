import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * A rule left open swallows every rule after it, and browsers say nothing: the pages still render, only unstyled.
 * The stylesheet is plain CSS, so its blocks can be checked by counting.
 */
const css = fs.readFileSync(new URL('../../client/styles.css', import.meta.url), 'utf8');

function blockDepths(text: string): { depthAtEnd: number; openedTooFar: number[]; topLevelCommentsInsideABlock: number[] } {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  let depth = 0;
  const openedTooFar: number[] = [];
  const topLevelCommentsInsideABlock: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.startsWith('/*') && depth !== 0) topLevelCommentsInsideABlock.push(index + 1);
    for (const ch of withoutComments.split('\n')[index] ?? '') {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      if (depth < 0 || depth > 3) openedTooFar.push(index + 1);
    }
  });
  return { depthAtEnd: depth, openedTooFar, topLevelCommentsInsideABlock };
}

describe('client/styles.css', () => {
  it('closes every block it opens, and starts each section outside any rule', () => {
    expect(blockDepths(css)).toEqual({ depthAtEnd: 0, openedTooFar: [], topLevelCommentsInsideABlock: [] });
  });

  it('would notice a rule left open', () => {
    const broken = css.replace(/(\.reflections h3 \{[^}]*)\}/, '$1');
    expect(broken).not.toBe(css);
    expect(blockDepths(broken).depthAtEnd).toBe(1);
  });
});
