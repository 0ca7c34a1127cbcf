import { useId } from 'react';
import type { BoardRow } from '../../api/calibration.ts';
import { filterOptions, type RosterFilter } from './board-state.ts';
import { formatNumber } from '../../components/format.ts';
import { flagLabel } from './calibration-format.ts';

interface RosterFiltersProps {
  rows: readonly BoardRow[];
  filter: RosterFilter;
  shown: number;
  onChange: (filter: RosterFilter) => void;
}

/** Level, team, manager and flag filters over the whole roster, with what is shown and a way back to everyone. */
export function RosterFilters({ rows, filter, shown, onChange }: RosterFiltersProps) {
  const id = useId();
  const options = filterOptions(rows);
  const active = Object.values(filter).some((v) => v !== undefined);
  return (
    <div className="roster-filters">
      <div className="roster-filters__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-level`}>
            Level
          </label>
          <select id={`${id}-level`} className="input" value={filter.level ?? ''} onChange={(e) => onChange({ ...filter, level: e.target.value || undefined })}>
            <option value="">All levels</option>
            {options.levels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-team`}>
            Team
          </label>
          <select id={`${id}-team`} className="input" value={filter.team ?? ''} disabled={!options.teams.length} onChange={(e) => onChange({ ...filter, team: e.target.value || undefined })}>
            <option value="">All teams</option>
            {options.teams.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-manager`}>
            Manager
          </label>
          <select
            id={`${id}-manager`}
            className="input"
            value={filter.managerId ?? ''}
            disabled={!options.managers.length}
            onChange={(e) => onChange({ ...filter, managerId: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">All managers</option>
            {options.managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-flag`}>
            Flag
          </label>
          <select id={`${id}-flag`} className="input" value={filter.flag ?? ''} onChange={(e) => onChange({ ...filter, flag: e.target.value || undefined })}>
            <option value="">Any</option>
            {options.flags.map((f) => (
              <option key={f} value={f}>
                {flagLabel(f)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="roster-filters__summary" aria-live="polite" data-testid="roster-count">
        Showing {formatNumber(shown)} of {formatNumber(rows.length)} {rows.length === 1 ? 'person' : 'people'}
        {filter.cell ? ` at performance ${filter.cell.performance}, potential ${filter.cell.potential}` : ''}
        {active ? (
          <>
            {' '}
            <button type="button" className="button button--ghost button--small" onClick={() => onChange({})}>
              Clear filters
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}
