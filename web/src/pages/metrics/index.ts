/** The engineering metrics pages, loaded as one chunk on first use. */
export { TeamMetricsPage } from './TeamMetricsPage.tsx';
export { SloPage } from './SloPage.tsx';
export { AiAdoptionPage } from './AiAdoptionPage.tsx';
export { MetricsSourcesPage } from './MetricsSourcesPage.tsx';
