/** Growth pages (career, promotion cases, the ladder editor): one lazily loaded chunk. */
export { CareerPage } from './CareerPage.tsx';
export { PromotionsPage } from './PromotionsPage.tsx';
export { PacketPage } from './PacketPage.tsx';
export { LadderEditorPage } from './LadderEditorPage.tsx';
