import type { DB } from '#server/db/database';
import { findVerifiedAddress } from '#server/repositories/email.repository';

/**
 * Where email for this person may go: their current email, only when they confirmed exactly that address. Changing the
 * email in the profile makes it unconfirmed until the new address's own link is opened. Null: send nothing.
 */
export function verifiedAddressOf(db: DB, userId: string): Promise<string | null> {
  return findVerifiedAddress(db, userId);
}
