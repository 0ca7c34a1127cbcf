import './analytics.css';
import type { FeedbackThemes } from '../../api/analytics.ts';
import { plural } from '../../components/format.ts';

const KIND = { person: 'Feedback about', team: 'The organisation of', organisation: 'The whole cycle, led by' } as const;

/** LP tags and recurring phrases of some feedback. Nothing here says who wrote what. */
export function ThemesView({ themes }: { themes: FeedbackThemes }) {
  return (
    <section className="card stack" aria-label={`Themes: ${themes.subject.name}`} data-testid="themes">
      <h2 className="card__title">
        {KIND[themes.subject.kind]} {themes.subject.name}
      </h2>
      {!themes.shown ? (
        <p className="muted">{themes.reason}</p>
      ) : (
        <>
          <p className="muted small">
            {plural(themes.responses, 'response', 'responses')}
            {themes.subject.kind === 'person' ? '' : ` about ${plural(themes.people, 'person', 'people')}`}. A phrase is listed when at least two responses use it, ranked by how particular it is against the whole
            organisation's feedback (TF-IDF).
          </p>
          <div className="analytics-grid">
            <Phrases title="Superpowers" themes={themes.superpowers} />
            <Phrases title="Areas of improvement" themes={themes.improvements} />
            <Tags title="Leadership Principles championed" tags={themes.principles.championed} />
            <Tags title="Leadership Principles to improve" tags={themes.principles.toImprove} />
          </div>
        </>
      )}
    </section>
  );
}

function Phrases({ title, themes }: { title: string; themes: FeedbackThemes['superpowers'] }) {
  return (
    <section aria-label={title}>
      <h3 className="card__title">{title}</h3>
      {themes.length === 0 ? (
        <p className="muted small">No phrase recurs yet.</p>
      ) : (
        <ol className="theme-list">
          {themes.map((t) => (
            <li key={t.phrase}>
              <span>{t.phrase}</span>
              <span className="muted small">{plural(t.responses, 'response', 'responses')}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Tags({ title, tags }: { title: string; tags: FeedbackThemes['principles']['championed'] }) {
  return (
    <section aria-label={title}>
      <h3 className="card__title">{title}</h3>
      {tags.length === 0 ? (
        <p className="muted small">None chosen.</p>
      ) : (
        <ul className="theme-list">
          {tags.map((t) => (
            <li key={t.principle}>
              <span>{t.principle}</span>
              <span className="muted small">{t.count}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
