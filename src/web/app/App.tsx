import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { SignInPage } from '../auth/SignInPage.tsx';
import { SsoCallbackPage } from '../auth/SsoCallbackPage.tsx';
import { type ServerSession, SessionProvider, useSession } from '../lib/session.tsx';
import { Layout } from '../ui/Layout.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { MainNav } from './MainNav.tsx';

// Every page but sign-in loads on demand (issue 22): the first load is React, the router and the
// sign-in form; the offline store (Dexie), capture and the language checker come with the capture
// route. The service worker still precaches every chunk, so capture works offline.
const LinkSignInPage = lazy(() =>
  import('../auth/LinkSignInPage.tsx').then((m) => ({ default: m.LinkSignInPage })),
);
const HomePage = lazy(() => import('../home/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const captureScreens = () => import('./capture-screens.ts');
const CaptureGate = lazy(() => captureScreens().then((m) => ({ default: m.CaptureGate })));
const MyWalksPage = lazy(() => captureScreens().then((m) => ({ default: m.MyWalksPage })));
const CaptureWalkPage = lazy(() => captureScreens().then((m) => ({ default: m.CaptureWalkPage })));
const CaptureVisitPage = lazy(() =>
  captureScreens().then((m) => ({ default: m.CaptureVisitPage })),
);
const CaptureReviewPage = lazy(() =>
  captureScreens().then((m) => ({ default: m.CaptureReviewPage })),
);
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
const SelfEvaluationsPage = lazy(() =>
  import('../self-evaluation/SelfEvaluationsPage.tsx').then((m) => ({
    default: m.SelfEvaluationsPage,
  })),
);
const SelfEvaluationPage = lazy(() =>
  import('../self-evaluation/SelfEvaluationPage.tsx').then((m) => ({
    default: m.SelfEvaluationPage,
  })),
);
const TrainingPage = lazy(() =>
  import('../observers/TrainingPage.tsx').then((m) => ({ default: m.TrainingPage })),
);
const TrainingVersionPage = lazy(() =>
  import('../observers/TrainingPage.tsx').then((m) => ({ default: m.TrainingVersionPage })),
);
const ModerationPage = lazy(() =>
  import('../moderation/ModerationPage.tsx').then((m) => ({ default: m.ModerationPage })),
);
const ModerationSessionPage = lazy(() =>
  import('../moderation/ModerationSessionPage.tsx').then((m) => ({
    default: m.ModerationSessionPage,
  })),
);
const AgreementPage = lazy(() =>
  import('../observers/AgreementPage.tsx').then((m) => ({ default: m.AgreementPage })),
);
const VisitingWalksPage = lazy(() =>
  import('../observers/VisitingWalksPage.tsx').then((m) => ({ default: m.VisitingWalksPage })),
);
const PracticeLibraryPage = lazy(() =>
  import('../practice/PracticeLibraryPage.tsx').then((m) => ({
    default: m.PracticeLibraryPage,
  })),
);
const ConcernsPage = lazy(() =>
  import('../concerns/ConcernsPage.tsx').then((m) => ({ default: m.ConcernsPage })),
);
const ConcernPage = lazy(() =>
  import('../concerns/ConcernPage.tsx').then((m) => ({ default: m.ConcernPage })),
);
const ReviewsPage = lazy(() =>
  import('../reviews/ReviewsPage.tsx').then((m) => ({ default: m.ReviewsPage })),
);
const ProtocolSettingsPage = lazy(() =>
  import('../programmes/ProtocolSettingsPage.tsx').then((m) => ({
    default: m.ProtocolSettingsPage,
  })),
);
const SetupPage = lazy(() =>
  import('../setup/SetupPage.tsx').then((m) => ({ default: m.SetupPage })),
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

const AccountSecurityPage = lazy(() =>
  import('../security/AccountSecurityPage.tsx').then((m) => ({ default: m.AccountSecurityPage })),
);
const TrustSecurityPage = lazy(() =>
  import('../security/TrustSecurityPage.tsx').then((m) => ({ default: m.TrustSecurityPage })),
);

// Site walks (issue 14).
const sitePages = () => import('../site-walks/SitePages.tsx');
const SiteWalksPage = lazy(() => sitePages().then((m) => ({ default: m.SiteWalksPage })));
const EstatePage = lazy(() => sitePages().then((m) => ({ default: m.EstatePage })));
const SiteActionsPage = lazy(() => sitePages().then((m) => ({ default: m.SiteActionsPage })));
const SiteDashboardPage = lazy(() => sitePages().then((m) => ({ default: m.SiteDashboardPage })));
const SiteActionLinkPage = lazy(() => sitePages().then((m) => ({ default: m.SiteActionLinkPage })));
const TrustSiteDashboardPage = lazy(() =>
  sitePages().then((m) => ({ default: m.TrustSiteDashboardPage })),
);
const ChecklistPage = lazy(() => sitePages().then((m) => ({ default: m.ChecklistPage })));
const SiteWalkPage = lazy(() =>
  import('../site-walks/SiteWalkPage.tsx').then((m) => ({ default: m.SiteWalkPage })),
);
const PlanSiteWalkPage = lazy(() =>
  import('../site-walks/PlanSiteWalkPage.tsx').then((m) => ({ default: m.PlanSiteWalkPage })),
);
const GuestPage = lazy(() =>
  import('../site-walks/GuestPage.tsx').then((m) => ({ default: m.GuestPage })),
);

const DataProtectionPage = lazy(() =>
  import('../data-protection/DataProtectionPage.tsx').then((m) => ({
    default: m.DataProtectionPage,
  })),
);

const AuditLogPage = lazy(() =>
  import('../data-protection/AuditLogPage.tsx').then((m) => ({ default: m.AuditLogPage })),
);
const RecordReadersPage = lazy(() =>
  import('../data-protection/RecordReadersPage.tsx').then((m) => ({
    default: m.RecordReadersPage,
  })),
);
const ReflectionPage = lazy(() =>
  import('../peer-walks/ReflectionPage.tsx').then((m) => ({ default: m.ReflectionPage })),
);
const ReflectionsPage = lazy(() =>
  import('../peer-walks/ReflectionsPage.tsx').then((m) => ({ default: m.ReflectionsPage })),
);
const ReflectionReadPage = lazy(() =>
  import('../peer-walks/ReflectionsPage.tsx').then((m) => ({ default: m.ReflectionReadPage })),
);

/** The one layout route of the signed-in pages: signed in, or off to sign in. */
function SignedIn() {
  const { me, loading, loadError, mustEnrolMfa } = useSession();
  const location = useLocation();
  if (loading) return <Loading what="your account" />;
  if (loadError) return <ErrorMessage error={loadError} />;
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  // Issue 13: the trust requires two-step sign-in of this person; nothing else until it is on.
  if (mustEnrolMfa && location.pathname !== '/account/security') {
    return <Navigate to="/account/security" replace />;
  }
  return (
    <Layout nav={<MainNav />}>
      <Suspense fallback={<Loading what="the page" />}>
        <Outlet />
      </Suspense>
    </Layout>
  );
}

export function App({ session }: { session?: ServerSession }) {
  return (
    <BrowserRouter>
      <AppRoutes session={session} />
    </BrowserRouter>
  );
}

/**
 * Every page, under whichever router holds the address (the browser's, or the prerender's).
 * `session`: the one the server rendered the page with (src/web/app/server-render.tsx).
 */
export function AppRoutes({ session }: { session?: ServerSession }) {
  return (
    <SessionProvider initial={session}>
      <Suspense fallback={<Loading what="the page" />}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/sign-in/link" element={<LinkSignInPage />} />
          {/* First-run set-up (issue 13): only while the installation has no trust. */}
          <Route path="/setup" element={<SetupPage />} />
          <Route path="/sign-in/sso/callback" element={<SsoCallbackPage />} />
          {/* A site walk's guest (issue 14): no account, a single-use link. */}
          <Route path="/site-guest" element={<GuestPage />} />
          <Route element={<SignedIn />}>
            <Route path="/insights" element={<TrustInsightsPage />} />
            <Route path="/schools/:schoolId/insights" element={<SchoolInsightsPage />} />
            <Route path="/people" element={<PeoplePage />} />
            <Route path="/account/security" element={<AccountSecurityPage />} />
            <Route path="/trust/security" element={<TrustSecurityPage />} />
            <Route path="/outbox" element={<OutboxPage />} />
            <Route path="/" element={<HomePage />} />
            <Route path="/schools/:schoolId" element={<SchoolPage />} />
            <Route path="/schools/new" element={<NewSchoolPage />} />
            <Route path="/schools/:schoolId/edit" element={<EditSchoolPage />} />
            <Route path="/schools/:schoolId/staff" element={<StaffPage />} />
            <Route path="/schools/:schoolId/rooms" element={<RoomsPage />} />
            <Route path="/schools/:schoolId/lessons" element={<LessonsPage />} />
            <Route path="/schools/:schoolId/day" element={<DayPage />} />
            <Route path="/schools/:schoolId/import" element={<ImportPage />} />
            <Route path="/frameworks" element={<FrameworksPage />} />
            <Route path="/frameworks/:frameworkId/versions/:versionNo" element={<VersionPage />} />
            <Route path="/schools/:schoolId/foci" element={<FociPage />} />
            <Route path="/schools/:schoolId/programmes" element={<ProgrammesPage />} />
            <Route path="/schools/:schoolId/protocol" element={<ProtocolSettingsPage />} />
            <Route path="/programmes/:programmeId" element={<ProgrammePage />} />
            <Route path="/walks/:walkId" element={<WalkEditorPage />} />
            <Route path="/my-visits" element={<MyVisitsPage />} />
            <Route path="/notices" element={<NoticesPage />} />
            <Route
              path="/schools/:schoolId/programmes/:programmeId/protocol-report"
              element={<ProtocolReportPage />}
            />
            <Route path="/schools/:schoolId/protocol-report" element={<ProtocolReportPage />} />
            {/* After the walk (issue 7): records of my visits, debriefs, actions. */}
            <Route path="/my-records" element={<MyRecordsPage />} />
            <Route path="/visits/:visitId/records" element={<VisitRecordsPage />} />
            <Route path="/schools/:schoolId/debriefs" element={<DebriefsPage />} />
            <Route path="/debriefs/:debriefId" element={<DebriefPage />} />
            <Route path="/schools/:schoolId/staff-summaries" element={<StaffSummariesPage />} />
            <Route path="/staff-summaries/:debriefId" element={<StaffSummaryPage />} />
            <Route path="/schools/:schoolId/actions" element={<ActionsBoardPage />} />
            <Route path="/my-actions" element={<MyActionsPage />} />
            {/* Reviews with staff and their anonymous pulse (rule 11). */}
            <Route path="/schools/:schoolId/reviews" element={<ReviewsPage />} />
            <Route path="/reviews/:reviewId" element={<ReviewPage />} />
            {/* Concerns about how walks are run (rule 12, issue 16). */}
            <Route path="/schools/:schoolId/concerns" element={<ConcernsPage />} />
            <Route path="/concerns/:concernId" element={<ConcernPage />} />
            {/* Self-evaluation of walk practice (issue 16). */}
            <Route path="/schools/:schoolId/self-evaluation" element={<SelfEvaluationsPage />} />
            <Route path="/self-evaluations/:selfEvaluationId" element={<SelfEvaluationPage />} />
            <Route path="/schools/:schoolId/practice-library" element={<PracticeLibraryPage />} />
            {/* Site walks (issue 14): health and safety over places. */}
            <Route path="/schools/:schoolId/site-walks" element={<SiteWalksPage />} />
            <Route path="/schools/:schoolId/site-walks/new" element={<PlanSiteWalkPage />} />
            <Route path="/schools/:schoolId/estate" element={<EstatePage />} />
            <Route path="/schools/:schoolId/site-actions" element={<SiteActionsPage />} />
            <Route path="/schools/:schoolId/site-safety" element={<SiteDashboardPage />} />
            <Route path="/trust/site-safety" element={<TrustSiteDashboardPage />} />
            <Route path="/site-walks/:walkId" element={<SiteWalkPage />} />
            <Route path="/site-walks/:walkId/checklist" element={<ChecklistPage />} />
            <Route path="/site-actions/:actionId" element={<SiteActionLinkPage />} />
            {/* Observer training, agreement, walks across schools (issue 15). */}
            <Route path="/training" element={<TrainingPage />} />
            <Route path="/training/:versionId" element={<TrainingVersionPage />} />
            <Route path="/agreement" element={<AgreementPage />} />
            <Route path="/walks-across-schools" element={<VisitingWalksPage />} />
            {/* Data protection (issue 17): retention, subject access, end of contract. */}
            <Route path="/trust/data-protection" element={<DataProtectionPage />} />
            <Route path="/trust/audit-log" element={<AuditLogPage />} />
            <Route path="/my-records/readers" element={<RecordReadersPage />} />
            {/* Moderation sessions (issue 15). */}
            <Route path="/moderation" element={<ModerationPage />} />
            <Route path="/moderation/:sessionId" element={<ModerationSessionPage />} />
            <Route path="/walks/:walkId/reflection" element={<ReflectionPage />} />
            <Route path="/reflections" element={<ReflectionsPage />} />
            <Route path="/reflections/:reflectionId" element={<ReflectionReadPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
          {/* Capture (issue 6): works offline, for the last person signed in on this device. */}
          <Route element={<CaptureGate />}>
            <Route path="/capture" element={<MyWalksPage />} />
            <Route path="/capture/walks/:walkId" element={<CaptureWalkPage />} />
            <Route path="/capture/walks/:walkId/visits/:visitId" element={<CaptureVisitPage />} />
            <Route path="/capture/walks/:walkId/review" element={<CaptureReviewPage />} />
          </Route>
        </Routes>
      </Suspense>
    </SessionProvider>
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
