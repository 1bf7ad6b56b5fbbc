/**
 * A key for one draft of a new item (a reflection, a coach note), made once when the draft starts and sent with every
 * attempt to save it, so that a double click or a retry keeps one item on the server (see `draftKeySchema`).
 *
 * A version 4 UUID. `crypto.randomUUID` exists only in secure contexts (https, localhost); a server reached over plain
 * http on a home network still has `crypto.getRandomValues`, from which the same kind of UUID is made.
 */
export function newDraftKey(source: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto) {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
