// The analytics pages, one chunk fetched on first use. SessionBiasPanel is exported for the
// calibration board to embed.
export { BiasAuditPage } from './BiasAuditPage.tsx';
export { DriftPage } from './DriftPage.tsx';
export { DatasetsPage } from './DatasetsPage.tsx';
export { PolicyLabPage } from './PolicyLabPage.tsx';
export { ThemesPage } from './ThemesPage.tsx';
export { GovernancePage } from './GovernancePage.tsx';
export { SustainableWorkPage } from './SustainableWorkPage.tsx';
export { SessionBiasPanel, type SessionBiasPanelProps } from './SessionBiasPanel.tsx';
