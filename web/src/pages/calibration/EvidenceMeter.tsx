import type { TeamProposals } from '../../api/calibration.ts';
import { coveredDimensions, type ProposalDraft } from './proposal-draft.ts';

/**
 * The evidence threshold as the manager writes: which dimensions have evidence, and whether that
 * reaches the number the policy asks for before a rating can be final (2 of 3 by default).
 */
export function EvidenceMeter({ team, draft }: { team: TeamProposals; draft: ProposalDraft }) {
  const keys = team.evidenceDimensions.map((d) => d.key);
  const covered = coveredDimensions(draft, keys);
  const required = team.proposals[0]?.evidenceCheck.required ?? 2;
  const met = covered.length >= required;
  return (
    <div className={met ? 'evidence-meter evidence-meter--met' : 'evidence-meter'} role="status" aria-live="polite" data-testid="evidence-meter">
      <p className="evidence-meter__summary">
        Evidence in {covered.length} of {keys.length} dimensions; the threshold is {required}. {met ? 'Met.' : `Add evidence in ${required - covered.length} more.`}
      </p>
      <ul className="evidence-meter__list">
        {team.evidenceDimensions.map((d) => (
          <li key={d.key} className={covered.includes(d.key) ? 'evidence-meter__item evidence-meter__item--covered' : 'evidence-meter__item'}>
            <span aria-hidden="true">{covered.includes(d.key) ? '●' : '○'}</span> {d.label}
            <span className="visually-hidden">{covered.includes(d.key) ? ': has evidence' : ': no evidence yet'}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
