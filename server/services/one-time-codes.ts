import type { DB } from '#server/db/database';
import { Conflict, NotFound } from '#server/errors';
import { findMembership } from '#server/repositories/account-data.repository';
import { findInvite, type InviteRow, type InviteTable } from '#server/repositories/invites.repository';

export interface CodeMessages {
  unknown: string;
  used: string;
  expired: string;
}

/**
 * The couple a code let this person in to, when they used it themselves: a retry of a join or of a coach's acceptance
 * whose answer was lost on the way answers as the first call did, rather than "already used". Null otherwise.
 */
export async function coupleOpenedBy(
  trx: DB,
  table: InviteTable,
  codeHash: string,
  userId: string,
): Promise<string | null> {
  const invite = await findInvite(trx, table, codeHash);
  return invite?.usedBy === userId ? invite.coupleId : null;
}

/**
 * The invite behind a code, if it can still be used: the same rules for a partner's invitation and a coach's.
 * An unknown or expired code is NotFound, a used one Conflict, each with words for whoever holds it. A code whose
 * maker has left the couple since is expired, as leaving expires the codes one made: whatever made it outlive the
 * leave (a call racing the leave), it never lets anyone into a couple on the word of someone no longer in it.
 */
export async function openInvite(
  trx: DB,
  table: InviteTable,
  codeHash: string,
  nowIso: string,
  messages: CodeMessages,
): Promise<InviteRow> {
  const invite = await findInvite(trx, table, codeHash);
  if (!invite) throw new NotFound(messages.unknown);
  if (invite.usedAt) throw new Conflict(messages.used);
  if (invite.expiresAt <= nowIso) throw new NotFound(messages.expired);
  if ((await findMembership(trx, invite.createdBy))?.coupleId !== invite.coupleId) throw new NotFound(messages.expired);
  return invite;
}
