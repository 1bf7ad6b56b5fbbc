import { httpStatusOf } from '#client/lib/errors';

/**
 * Runs a couple page's loader; a refusal (403/404) becomes `{ notShared: true }` for the page to explain, rather than
 * an error thrown through the router, which is for the unexpected.
 */
export async function loadIfShared(load: () => Promise<unknown>): Promise<{ notShared: boolean }> {
  try {
    await load();
    return { notShared: false };
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 403 || status === 404) return { notShared: true };
    throw error;
  }
}
