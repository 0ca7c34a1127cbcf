import type { Readers } from '../../api/cycles.ts';

/** "Who will read this": each reader and whether they see the writer's name. Locked at launch. */
export function ReadersNote({ readers, title = 'Who will read this' }: { readers: Readers; title?: string }) {
  return (
    <aside className="readers" aria-label={title} data-testid="readers">
      <p className="readers__title">{title}</p>
      <ul className="readers__list">
        {readers.map((r) => (
          <li key={r.who} className="readers__item">
            <span className={r.attributed ? 'readers__tag readers__tag--named' : 'readers__tag readers__tag--anonymous'}>
              {r.attributed ? 'Sees your name' : 'Without your name'}
            </span>
            <span>{capitalise(r.who)}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
