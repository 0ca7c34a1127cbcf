/** The calibration pages, loaded as one chunk (with their styles) the first time one is opened. */
import './calibration.css';

export { BoardPage } from './BoardPage.tsx';
export { CalibrationPage } from './CalibrationPage.tsx';
export { ComparePage } from './ComparePage.tsx';
export { MyRatingPage } from './MyRatingPage.tsx';
export { ProposalsPage } from './ProposalsPage.tsx';
export { RatingHistoryPage } from './RatingHistoryPage.tsx';
