// The capture screens load as one piece: once any of them is open, an observer who loses signal
// can still move between the walk, its rooms and the review, and sign out with the warning.
export { MyWalksPage } from '../capture/MyWalksPage.tsx';
export { CaptureGate } from '../capture/owner.tsx';
export { CaptureReviewPage } from '../capture/ReviewPage.tsx';
export { CaptureVisitPage } from '../capture/VisitPage.tsx';
export { CaptureWalkPage } from '../capture/WalkPage.tsx';
