/** A report's findings in words, as every analytics page shows them. */
export function Findings({ findings, label = 'Findings' }: { findings: readonly string[]; label?: string }) {
  return (
    <section aria-label={label}>
      <h3 className="card__title">{label}</h3>
      <ul className="findings">
        {findings.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
    </section>
  );
}
