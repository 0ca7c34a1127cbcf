const MAX_DOTS = 12;

/** A row of dots, one per item, filled up to `count`, with `target` dots at least: "3 of 5". */
export function CountDots({ count, target, label }: { count: number; target: number; label: string }) {
  const total = Math.min(MAX_DOTS, Math.max(count, target));
  return (
    <span className="dots" role="img" aria-label={label}>
      {Array.from({ length: total }, (_, i) => (
        <span key={i} className={i < count ? 'dots__dot dots__dot--on' : i < target ? 'dots__dot' : 'dots__dot dots__dot--extra'} />
      ))}
      {count > MAX_DOTS ? <span className="dots__more">+{count - MAX_DOTS}</span> : null}
    </span>
  );
}
