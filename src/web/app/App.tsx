import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { LinkSignInPage } from '../auth/LinkSignInPage.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { MyWalksPage } from '../capture/MyWalksPage.tsx';
import { CaptureGate } from '../capture/owner.tsx';
import { CaptureReviewPage } from '../capture/ReviewPage.tsx';
import { CaptureVisitPage } from '../capture/VisitPage.tsx';
import { CaptureWalkPage } from '../capture/WalkPage.tsx';
import { HomePage } from '../home/HomePage.tsx';
import { SessionProvider, useSession } from '../lib/session.tsx';
import { Layout } from '../ui/Layout.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';

// Pages beyond sign-in, home and capture load on demand, so a phone on a slow network fetches
// the capture app first; the service worker still precaches every chunk for offline use.
const ActionsBoardPage = lazy(() =>
  import('../actions/ActionsBoardPage.tsx').then((m) => ({ default: m.ActionsBoardPage })),
);
const MyActionsPage = lazy(() =>
  import('../actions/ActionsBoardPage.tsx').then((m) => ({ default: m.MyActionsPage })),
);
const DebriefPage = lazy(() =>
  import('../debriefs/DebriefPage.tsx').then((m) => ({ default: m.DebriefPage })),
);
const DebriefsPage = lazy(() =>
  import('../debriefs/DebriefsPage.tsx').then((m) => ({ default: m.DebriefsPage })),
);
const StaffSummariesPage = lazy(() =>
  import('../debriefs/StaffSummariesPage.tsx').then((m) => ({ default: m.StaffSummariesPage })),
);
const StaffSummaryPage = lazy(() =>
  import('../debriefs/StaffSummariesPage.tsx').then((m) => ({ default: m.StaffSummaryPage })),
);
const FociPage = lazy(() =>
  import('../frameworks/FociPage.tsx').then((m) => ({ default: m.FociPage })),
);
const FrameworksPage = lazy(() =>
  import('../frameworks/FrameworksPage.tsx').then((m) => ({ default: m.FrameworksPage })),
);
const VersionPage = lazy(() =>
  import('../frameworks/VersionPage.tsx').then((m) => ({ default: m.VersionPage })),
);
const ImportPage = lazy(() =>
  import('../imports/ImportPage.tsx').then((m) => ({ default: m.ImportPage })),
);
const SchoolInsightsPage = lazy(() =>
  import('../insights/SchoolInsightsPage.tsx').then((m) => ({ default: m.SchoolInsightsPage })),
);
const TrustInsightsPage = lazy(() =>
  import('../insights/TrustInsightsPage.tsx').then((m) => ({ default: m.TrustInsightsPage })),
);
const PeoplePage = lazy(() =>
  import('../people/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })),
);
const OutboxPage = lazy(() =>
  import('../mail/OutboxPage.tsx').then((m) => ({ default: m.OutboxPage })),
);
const NoticesPage = lazy(() =>
  import('../notices/NoticesPage.tsx').then((m) => ({ default: m.NoticesPage })),
);
const ProtocolReportPage = lazy(() =>
  import('../notices/ProtocolReportPage.tsx').then((m) => ({ default: m.ProtocolReportPage })),
);
const ProgrammePage = lazy(() =>
  import('../programmes/ProgrammePage.tsx').then((m) => ({ default: m.ProgrammePage })),
);
const ProgrammesPage = lazy(() =>
  import('../programmes/ProgrammesPage.tsx').then((m) => ({ default: m.ProgrammesPage })),
);
const MyRecordsPage = lazy(() =>
  import('../responses/MyRecordsPage.tsx').then((m) => ({ default: m.MyRecordsPage })),
);
const VisitRecordsPage = lazy(() =>
  import('../responses/VisitRecordsPage.tsx').then((m) => ({ default: m.VisitRecordsPage })),
);
const ReviewPage = lazy(() =>
  import('../reviews/ReviewPage.tsx').then((m) => ({ default: m.ReviewPage })),
);
const ReviewsPage = lazy(() =>
  import('../reviews/ReviewsPage.tsx').then((m) => ({ default: m.ReviewsPage })),
);
const RoomsPage = lazy(() =>
  import('../rooms/RoomsPage.tsx').then((m) => ({ default: m.RoomsPage })),
);
const EditSchoolPage = lazy(() =>
  import('../schools/SchoolFormPage.tsx').then((m) => ({ default: m.EditSchoolPage })),
);
const NewSchoolPage = lazy(() =>
  import('../schools/SchoolFormPage.tsx').then((m) => ({ default: m.NewSchoolPage })),
);
const SchoolPage = lazy(() =>
  import('../schools/SchoolPage.tsx').then((m) => ({ default: m.SchoolPage })),
);
const StaffPage = lazy(() =>
  import('../staff/StaffPage.tsx').then((m) => ({ default: m.StaffPage })),
);
const DayPage = lazy(() =>
  import('../timetable/DayPage.tsx').then((m) => ({ default: m.DayPage })),
);
const LessonsPage = lazy(() =>
  import('../timetable/LessonsPage.tsx').then((m) => ({ default: m.LessonsPage })),
);
const MyVisitsPage = lazy(() =>
  import('../walks/MyVisitsPage.tsx').then((m) => ({ default: m.MyVisitsPage })),
);
const WalkEditorPage = lazy(() =>
  import('../walks/WalkPage.tsx').then((m) => ({ default: m.WalkEditorPage })),
);

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, loading, loadError } = useSession();
  const location = useLocation();
  if (loading) return <Loading what="your account" />;
  if (loadError) return <ErrorMessage error={loadError} />;
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <Layout>
      <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>
    </Layout>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Suspense fallback={<Loading what="the page" />}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/sign-in/link" element={<LinkSignInPage />} />
            <Route
              path="/insights"
              element={
                <RequireSignIn>
                  <TrustInsightsPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/insights"
              element={
                <RequireSignIn>
                  <SchoolInsightsPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/people"
              element={
                <RequireSignIn>
                  <PeoplePage />
                </RequireSignIn>
              }
            />
            <Route
              path="/outbox"
              element={
                <RequireSignIn>
                  <OutboxPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/"
              element={
                <RequireSignIn>
                  <HomePage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId"
              element={
                <RequireSignIn>
                  <SchoolPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/new"
              element={
                <RequireSignIn>
                  <NewSchoolPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/edit"
              element={
                <RequireSignIn>
                  <EditSchoolPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/staff"
              element={
                <RequireSignIn>
                  <StaffPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/rooms"
              element={
                <RequireSignIn>
                  <RoomsPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/lessons"
              element={
                <RequireSignIn>
                  <LessonsPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/day"
              element={
                <RequireSignIn>
                  <DayPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/import"
              element={
                <RequireSignIn>
                  <ImportPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/frameworks"
              element={
                <RequireSignIn>
                  <FrameworksPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/frameworks/:frameworkId/versions/:versionNo"
              element={
                <RequireSignIn>
                  <VersionPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/foci"
              element={
                <RequireSignIn>
                  <FociPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/programmes"
              element={
                <RequireSignIn>
                  <ProgrammesPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/programmes/:programmeId"
              element={
                <RequireSignIn>
                  <ProgrammePage />
                </RequireSignIn>
              }
            />
            <Route
              path="/walks/:walkId"
              element={
                <RequireSignIn>
                  <WalkEditorPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/my-visits"
              element={
                <RequireSignIn>
                  <MyVisitsPage />
                </RequireSignIn>
              }
            />
            {/* Capture (issue 6): works offline, for the last person signed in on this device. */}
            <Route
              path="/capture"
              element={
                <CaptureGate>
                  <MyWalksPage />
                </CaptureGate>
              }
            />
            <Route
              path="/capture/walks/:walkId"
              element={
                <CaptureGate>
                  <CaptureWalkPage />
                </CaptureGate>
              }
            />
            <Route
              path="/capture/walks/:walkId/visits/:visitId"
              element={
                <CaptureGate>
                  <CaptureVisitPage />
                </CaptureGate>
              }
            />
            <Route
              path="/capture/walks/:walkId/review"
              element={
                <CaptureGate>
                  <CaptureReviewPage />
                </CaptureGate>
              }
            />
            <Route
              path="/notices"
              element={
                <RequireSignIn>
                  <NoticesPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/programmes/:programmeId/protocol-report"
              element={
                <RequireSignIn>
                  <ProtocolReportPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/protocol-report"
              element={
                <RequireSignIn>
                  <ProtocolReportPage />
                </RequireSignIn>
              }
            />
            {/* After the walk (issue 7): records of my visits, debriefs, actions. */}
            <Route
              path="/my-records"
              element={
                <RequireSignIn>
                  <MyRecordsPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/visits/:visitId/records"
              element={
                <RequireSignIn>
                  <VisitRecordsPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/debriefs"
              element={
                <RequireSignIn>
                  <DebriefsPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/debriefs/:debriefId"
              element={
                <RequireSignIn>
                  <DebriefPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/staff-summaries"
              element={
                <RequireSignIn>
                  <StaffSummariesPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/staff-summaries/:debriefId"
              element={
                <RequireSignIn>
                  <StaffSummaryPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/schools/:schoolId/actions"
              element={
                <RequireSignIn>
                  <ActionsBoardPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/my-actions"
              element={
                <RequireSignIn>
                  <MyActionsPage />
                </RequireSignIn>
              }
            />
            {/* Reviews with staff and their anonymous pulse (rule 11). */}
            <Route
              path="/schools/:schoolId/reviews"
              element={
                <RequireSignIn>
                  <ReviewsPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/reviews/:reviewId"
              element={
                <RequireSignIn>
                  <ReviewPage />
                </RequireSignIn>
              }
            />
            <Route
              path="*"
              element={
                <RequireSignIn>
                  <NotFound />
                </RequireSignIn>
              }
            />
          </Routes>
        </Suspense>
      </SessionProvider>
    </BrowserRouter>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no page at this address. Use the menu to find your way.</p>
    </section>
  );
}
