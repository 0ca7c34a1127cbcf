import { useId } from 'react';
import type { Distribution } from '../../api/calibration.ts';
import { allowedRange, describeViolation, OV_NAMES, OV_ORDER, percent, targetStatus } from './calibration-format.ts';

interface DistributionPanelProps {
  title: string;
  distribution: Distribution;
  mode: 'forced' | 'guideline';
  /** A sentence under the title. */
  lead?: string;
  testId?: string;
}

/**
 * A group's ratings against the policy's targets: how many people hold each rating, their share,
 * the range the targets allow for a group of this size, and every violation in words, as the
 * server will state it when it refuses to finalise.
 */
export function DistributionPanel({ title, distribution, mode, lead, testId }: DistributionPanelProps) {
  const id = useId();
  const target = new Map(distribution.targets.map((t) => [t.rating, t]));
  return (
    <section className="card card--flush" aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="card__inset">
        <h2 className="card__title" id={`${id}-title`}>
          {title}
        </h2>
        {lead ? <p className="muted small">{lead}</p> : null}
      </div>
      <div className="table-scroll">
      <table className="table table--compact distribution">
        <thead>
          <tr>
            <th scope="col">Rating</th>
            <th scope="col" className="num">
              People
            </th>
            <th scope="col" className="num">
              Share
            </th>
            <th scope="col">Allowed</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {OV_ORDER.map((ov) => {
            const t = target.get(ov);
            return (
              <tr key={ov} className={t && !t.ok ? 'is-violation' : undefined}>
                <th scope="row">
                  <span className={`ov ov--${ov}`}>{ov}</span> <span className="muted small distribution__name">{OV_NAMES[ov]}</span>
                </th>
                <td className="num">{distribution.counts[ov] ?? 0}</td>
                <td className="num">{percent(distribution.counts[ov] ?? 0, distribution.size)}</td>
                <td>{t ? allowedRange(t, distribution.size) : 'no target'}</td>
                <td>{t && t.applies ? targetStatus(t) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <div className="card__inset">
        {distribution.violations.length ? (
          <div className={mode === 'forced' ? 'notice notice--error' : 'notice notice--warning'} data-testid="violations">
            <p className="notice__title">{mode === 'forced' ? 'Finalising is blocked until these fit:' : 'Outside the guideline (finalising is not blocked):'}</p>
            <ul className="notice__list">
              {distribution.violations.map((v) => (
                <li key={v.rating}>{describeViolation(v)}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="small muted" data-testid="violations">
            {distribution.targets.some((t) => t.applies) ? `All ${distribution.size} ratings are within the targets.` : `The targets do not apply to a group of ${distribution.size}.`}
          </p>
        )}
      </div>
    </section>
  );
}
