/**
 * A tiny line of the last few weeks, for a list where a full chart would be noise. Gaps stay gaps. The numbers are
 * in its label, so it is never the only place they live.
 */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const width = 80;
  const height = 24;
  const x = (i: number) => (values.length <= 1 ? width / 2 : (i / (values.length - 1)) * (width - 4) + 2);
  const y = (v: number) => height - 2 - ((v - 1) / 9) * (height - 4);
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
    >
      <line x1="0" x2={width} y1={y(5.5)} y2={y(5.5)} className="sparkline-mid" />
      {segments.map((d) => (
        <path key={d} d={d} />
      ))}
      {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="2" />))}
    </svg>
  );
}
