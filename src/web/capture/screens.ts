// The capture screens load as one piece: once any of them is open, an observer who loses signal
// can still move between the walk, its rooms and the review, and sign out with the warning.
export { MyWalksPage } from './MyWalksPage.tsx';
export { CaptureGate } from './owner.tsx';
export { CaptureReviewPage } from './ReviewPage.tsx';
export { CaptureVisitPage } from './VisitPage.tsx';
export { CaptureWalkPage } from './WalkPage.tsx';
