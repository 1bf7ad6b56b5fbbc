/**
 * Each partner keeps one colour and one line style everywhere (blue solid, orange dashed), decided by the order
 * they joined the couple, never by who is looking.
 */
export function partnerClass(index: number): string {
  return index === 0 ? 'partner-a' : 'partner-b';
}

export function PartnerName({ index, name }: { index: number; name: string }) {
  return (
    <span className={partnerClass(index)}>
      <span className="partner-swatch" aria-hidden="true" />
      {/* A name may be written right to left; it must not reorder the words around it. */}
      <bdi>{name}</bdi>
    </span>
  );
}
