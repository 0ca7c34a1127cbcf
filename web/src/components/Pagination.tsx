import { formatNumber } from './format.ts';

interface PaginationProps {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  label?: string;
}

/** Previous/next through a list answered with `total`, `limit` and `offset`. */
export function Pagination({ total, limit, offset, onChange, label = 'Pagination' }: PaginationProps) {
  if (total <= limit && offset === 0) return null;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pagination" aria-label={label}>
      <p className="pagination__summary">
        Showing {formatNumber(first)}–{formatNumber(last)} of {formatNumber(total)}
        <span className="pagination__page"> · Page {page} of {pages}</span>
      </p>
      <div className="pagination__buttons">
        <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
          Previous
        </button>
        <button type="button" className="button button--secondary" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
          Next
        </button>
      </div>
    </nav>
  );
}
