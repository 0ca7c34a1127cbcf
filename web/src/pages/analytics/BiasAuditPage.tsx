import { useState } from 'react';
import type { AppBiasAudit, BiasReport } from '../../api/analytics.ts';
import { AnalyticsFrame } from './AnalyticsFrame.tsx';
import { AppAuditForm } from './AppAuditForm.tsx';
import { BiasReportView } from './BiasReportView.tsx';
import { DatasetAuditForm } from './DatasetAuditForm.tsx';
import { SelectField } from './FormFields.tsx';

type Source = 'app' | 'dataset';

/** Bias audit: an outcome by group, raw and like with like, for HR partners. */
export function BiasAuditPage() {
  const [source, setSource] = useState<Source>('app');
  const [result, setResult] = useState<{ report: BiasReport; hiddenAcrossReports: number } | null>(null);
  const showApp = (audit: AppBiasAudit) => setResult({ report: audit.report, hiddenAcrossReports: audit.hiddenAcrossReports });
  return (
    <AnalyticsFrame
      title="Bias audit"
      lead="Does an outcome differ between groups, and does the difference survive comparing like with like? Groups under the minimum size are never shown, in this report or by subtracting it from your earlier ones."
    >
      <SelectField
        label="Audit"
        value={source}
        onChange={(v) => {
          setSource(v as Source);
          setResult(null);
        }}
        choices={[
          { value: 'app', label: 'Ratings or exits in my scope' },
          { value: 'dataset', label: 'An uploaded dataset' },
        ]}
      />
      {source === 'app' ? <AppAuditForm onAudit={showApp} /> : <DatasetAuditForm onAudit={(report) => setResult({ report, hiddenAcrossReports: 0 })} />}
      {result ? (
        <section className="card stack" aria-label="Audit result">
          <h2 className="card__title">
            {result.report.outcome} by {result.report.group}
            {result.report.controls.length ? `, within ${result.report.controls.join(' and ')}` : ''}
          </h2>
          <BiasReportView report={result.report} hiddenAcrossReports={result.hiddenAcrossReports} />
        </section>
      ) : null}
    </AnalyticsFrame>
  );
}
