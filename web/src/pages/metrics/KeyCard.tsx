import type { ReactNode } from 'react';
import { LEVEL_LABELS, type Level } from './metrics-format.ts';

/** A DORA level as a badge; "no level" when the data does not give one (DevLake's N/A). */
export function LevelBadge({ level }: { level: Level | null }) {
  return <span className={`dora-level dora-level--${level ?? 'none'}`}>{level ? LEVEL_LABELS[level] : 'No level'}</span>;
}

/** One of the four keys: its value, its benchmark level, what the value is made of, and a way to the records behind it. */
export function KeyCard(props: { name: string; value: string; level: Level | null; detail: ReactNode; band: string; onShow?: () => void; showLabel?: string }) {
  return (
    <section className="card key-card" data-testid="dora-key" aria-label={props.name}>
      <h2 className="key-card__name">{props.name}</h2>
      <p className="key-card__value">{props.value}</p>
      <LevelBadge level={props.level} />
      <p className="key-card__detail">{props.detail}</p>
      <p className="key-card__detail">{props.band}</p>
      {props.onShow ? (
        <button type="button" className="button button--secondary button--small" onClick={props.onShow}>
          {props.showLabel ?? 'Show the records'}
        </button>
      ) : null}
    </section>
  );
}
