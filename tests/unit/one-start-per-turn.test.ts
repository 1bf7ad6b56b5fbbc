import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { oneStartPerTurn } from '#server/http/one-start-per-turn';

const live = () => ({ socket: { destroyed: false } }) as { socket: { destroyed: boolean } } & Request;

/** Resolves in the next turn of the event loop: an immediate queued from an immediate waits for the next check phase. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('oneStartPerTurn', () => {
  it('starts the requests that arrived together one per turn of the event loop, first come first served', async () => {
    const gate = oneStartPerTurn();
    const started: number[] = [];
    for (let i = 0; i < 4; i++) gate(live(), {} as Response, () => started.push(i));
    expect(started).toEqual([]);

    const seen: number[][] = [];
    for (let turn = 0; turn < 5; turn++) {
      await nextTurn();
      seen.push([...started]);
    }
    expect(seen).toEqual([[0], [0, 1], [0, 1, 2], [0, 1, 2, 3], [0, 1, 2, 3]]);
  });

  it('starts a request that arrives after the queue emptied in the next turn', async () => {
    const gate = oneStartPerTurn();
    const started: string[] = [];
    gate(live(), {} as Response, () => started.push('first'));
    await nextTurn();
    await nextTurn();
    gate(live(), {} as Response, () => started.push('later'));
    expect(started).toEqual(['first']);
    await nextTurn();
    expect(started).toEqual(['first', 'later']);
  });

  it('skips a request whose connection closed while it waited', async () => {
    const gate = oneStartPerTurn();
    const started: string[] = [];
    const gone = live();
    gate(live(), {} as Response, () => started.push('first'));
    gate(gone, {} as Response, () => started.push('gone'));
    gate(live(), {} as Response, () => started.push('third'));
    gone.socket.destroyed = true;
    for (let turn = 0; turn < 4; turn++) await nextTurn();
    expect(started).toEqual(['first', 'third']);
  });
});
