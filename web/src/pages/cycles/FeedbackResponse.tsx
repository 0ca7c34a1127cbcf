import type { ReactNode } from 'react';

interface FeedbackResponseProps {
  superpowers: string;
  improvements: string;
  lpsChampioned?: string[];
  lpsToImprove?: string[];
  /** Shown only where the reader may know who wrote it. */
  author?: ReactNode;
  as?: 'article' | 'div';
}

type Answers = Pick<FeedbackResponseProps, 'superpowers' | 'improvements' | 'lpsChampioned' | 'lpsToImprove'>;

/** Peer responses in order, each with what the reader may know of its author. */
export function FeedbackResponses<R extends Answers & { id: string }>({ responses, label, author }: { responses: R[]; label?: string; author: (response: R, index: number) => ReactNode }) {
  return (
    <ol className="responses" aria-label={label}>
      {responses.map((r, i) => (
        <li key={r.id}>
          <FeedbackResponse superpowers={r.superpowers} improvements={r.improvements} lpsChampioned={r.lpsChampioned} lpsToImprove={r.lpsToImprove} author={author(r, i)} />
        </li>
      ))}
    </ol>
  );
}

/** One peer's answers and LP tags, for reading. */
export function FeedbackResponse({ superpowers, improvements, lpsChampioned, lpsToImprove, author, as: Tag = 'article' }: FeedbackResponseProps) {
  return (
    <Tag className="response" data-testid="feedback-response">
      {author ? <div className="response__author">{author}</div> : null}
      <div className="response__answers">
        <div>
          <h3 className="response__label">Superpowers</h3>
          <p className="prose__text">{superpowers || <span className="muted">No answer.</span>}</p>
        </div>
        <div>
          <h3 className="response__label">Areas of improvement</h3>
          <p className="prose__text">{improvements || <span className="muted">No answer.</span>}</p>
        </div>
      </div>
      {lpsChampioned?.length || lpsToImprove?.length ? (
        <div className="response__tags">
          {lpsChampioned?.length ? <LpTags label="Championed" principles={lpsChampioned} kind="championed" /> : null}
          {lpsToImprove?.length ? <LpTags label="To improve" principles={lpsToImprove} kind="improve" /> : null}
        </div>
      ) : null}
    </Tag>
  );
}

export function LpTags({ label, principles, kind }: { label: string; principles: string[]; kind: 'championed' | 'improve' }) {
  return (
    <p className="lp-tags">
      <span className="lp-tags__label">{label}:</span>
      {principles.map((p) => (
        <span key={p} className={`lp lp--${kind}`}>
          {p}
        </span>
      ))}
    </p>
  );
}
