import { exportDigest } from '#server/services/account-export.service';
import type { AccountExport } from '#shared/schemas/account-export.schema';

/** The file changed by hand, with its checksum recomputed, as anyone can. */
export function editedExport(
  file: AccountExport,
  change: (body: Omit<AccountExport, 'integrity'>) => void,
): AccountExport {
  const body: Omit<AccountExport, 'integrity'> & { integrity?: string } = structuredClone(file);
  delete body.integrity;
  change(body);
  return { ...body, integrity: exportDigest(body) };
}
