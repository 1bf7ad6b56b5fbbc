import { TRPCError } from '@trpc/server';
import type { DB } from '../db/database';
import { findInvite, type InviteTable } from '../repositories/invites.repository';

export interface CodeMessages {
  unknown: string;
  used: string;
  expired: string;
}

/**
 * The invite behind a code, if it can still be used: the same rules for a partner's invitation and a coach's.
 * An unknown or expired code is NOT_FOUND, a used one CONFLICT, each with words for whoever holds it.
 */
export async function openInvite(trx: DB, table: InviteTable, codeHash: string, nowIso: string, messages: CodeMessages) {
  const invite = await findInvite(trx, table, codeHash);
  if (!invite) throw new TRPCError({ code: 'NOT_FOUND', message: messages.unknown });
  if (invite.used_at) throw new TRPCError({ code: 'CONFLICT', message: messages.used });
  if (invite.expires_at <= nowIso) throw new TRPCError({ code: 'NOT_FOUND', message: messages.expired });
  return invite;
}
