import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ActionsBoardPage, MyActionsPage } from '../actions/ActionsBoardPage.tsx';
import { LinkSignInPage } from '../auth/LinkSignInPage.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { MyWalksPage } from '../capture/MyWalksPage.tsx';
import { CaptureGate } from '../capture/owner.tsx';
import { CaptureReviewPage } from '../capture/ReviewPage.tsx';
import { CaptureVisitPage } from '../capture/VisitPage.tsx';
import { CaptureWalkPage } from '../capture/WalkPage.tsx';
import { DebriefPage } from '../debriefs/DebriefPage.tsx';
import { DebriefsPage } from '../debriefs/DebriefsPage.tsx';
import { StaffSummariesPage, StaffSummaryPage } from '../debriefs/StaffSummariesPage.tsx';
import { FociPage } from '../frameworks/FociPage.tsx';
import { FrameworksPage } from '../frameworks/FrameworksPage.tsx';
import { VersionPage } from '../frameworks/VersionPage.tsx';
import { HomePage } from '../home/HomePage.tsx';
import { ImportPage } from '../imports/ImportPage.tsx';
import { SchoolInsightsPage } from '../insights/SchoolInsightsPage.tsx';
import { TrustInsightsPage } from '../insights/TrustInsightsPage.tsx';
import { OutboxPage } from '../mail/OutboxPage.tsx';
import { NoticesPage } from '../notices/NoticesPage.tsx';
import { ProtocolReportPage } from '../notices/ProtocolReportPage.tsx';
import { ProgrammePage } from '../programmes/ProgrammePage.tsx';
import { ProgrammesPage } from '../programmes/ProgrammesPage.tsx';
import { MyRecordsPage } from '../responses/MyRecordsPage.tsx';
import { VisitRecordsPage } from '../responses/VisitRecordsPage.tsx';
import { RoomsPage } from '../rooms/RoomsPage.tsx';
import { EditSchoolPage, NewSchoolPage } from '../schools/SchoolFormPage.tsx';
import { SchoolPage } from '../schools/SchoolPage.tsx';
import { StaffPage } from '../staff/StaffPage.tsx';
import { DayPage } from '../timetable/DayPage.tsx';
import { LessonsPage } from '../timetable/LessonsPage.tsx';
import { Layout } from '../ui/Layout.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { MyVisitsPage } from '../walks/MyVisitsPage.tsx';
import { WalkEditorPage } from '../walks/WalkPage.tsx';
import { SessionProvider, useSession } from './session.tsx';

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, loading, loadError } = useSession();
  const location = useLocation();
  if (loading) return <Loading what="your account" />;
  if (loadError) return <ErrorMessage error={loadError} />;
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return <Layout>{children}</Layout>;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
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
          <Route
            path="*"
            element={
              <RequireSignIn>
                <NotFound />
              </RequireSignIn>
            }
          />
        </Routes>
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
