import { Route, Routes } from 'react-router';
import { HomeRedirect } from './auth/HomeRedirect';
import { RequireAuth } from './auth/RequireAuth';
import { RequireScreen } from './auth/RequireScreen';
import { UnauthorizedListener } from './auth/UnauthorizedListener';
import { AtRiskQueuePage } from './pages/AtRiskQueuePage';
import { AuditPage } from './pages/AuditPage';
import { BillsPage } from './pages/BillsPage';
import { CasePage } from './pages/CasePage';
import { CustomerDetailPage } from './pages/CustomerDetailPage';
import { CustomersPage } from './pages/CustomersPage';
import { ConsentsPage } from './pages/ConsentsPage';
import { LoginPage } from './pages/LoginPage';
import { ClaimAccountPage, ForgotPasswordPage, SetPasswordPage } from './pages/AccountAccessPages';
import { LoyaltyPage } from './pages/LoyaltyPage';
import { LoyaltyAdminPage } from './pages/LoyaltyAdminPage';
import { MyLinesPage } from './pages/MyLinesPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OwnedCasesPage } from './pages/OwnedCasesPage';
import { OverviewPage } from './pages/OverviewPage';
import { PlanningAchievedPage } from './pages/PlanningAchievedPage';
import { PlanningHistoryPage } from './pages/PlanningHistoryPage';
import { PlanningPage } from './pages/PlanningPage';
import { PlanningSettingsPage } from './pages/PlanningSettingsPage';
import { QualityPage } from './pages/QualityPage';
import { ScenarioComparePage } from './pages/ScenarioComparePage';
import { ScenarioListPage } from './pages/ScenarioListPage';
import { ScenarioPage } from './pages/ScenarioPage';
import { SchedulePage } from './pages/SchedulePage';
import { SitesPage } from './pages/SitesPage';
import { UsersPage } from './pages/UsersPage';
import { EventsPage, PublicEventsPage } from './pages/EventsPage';
import { IdeasPage } from './pages/IdeasPage';
import { ShopAgendaPage } from './pages/ShopAgendaPage';
import { ShopSignUpPage } from './pages/ShopSignUpPage';
import { ShopLoansPage } from './pages/ShopLoansPage';
import { ShopAppointmentsPage } from './pages/ShopAppointmentsPage';
import { IdeaDetailPage } from './pages/IdeaDetailPage';
import { ModerationPage } from './pages/ModerationPage';
import { EventDoorPage, ShopEventsPage } from './pages/ShopEventsPage';
import { WorkingGroupPage, WorkingGroupsPage } from './pages/WorkingGroupsPage';

export function App() {
  return (
    <>
      <UnauthorizedListener />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/claim-account" element={<ClaimAccountPage />} />
        <Route path="/reset-password" element={<SetPasswordPage purpose="reset" />} />
        <Route path="/activate" element={<SetPasswordPage purpose="activation" />} />
        <Route path="/public/events" element={<PublicEventsPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomeRedirect />} />
          <Route
            path="me"
            element={
              <RequireScreen screen="myLines">
                <MyLinesPage />
              </RequireScreen>
            }
          />
          <Route
            path="me/bills"
            element={
              <RequireScreen screen="bills">
                <BillsPage />
              </RequireScreen>
            }
          />
          <Route
            path="me/loyalty"
            element={
              <RequireScreen screen="loyalty">
                <LoyaltyPage />
              </RequireScreen>
            }
          />
          <Route
            path="me/appointments"
            element={
              <RequireScreen screen="appointments">
                <ShopAppointmentsPage />
              </RequireScreen>
            }
          />
          <Route
            path="events"
            element={
              <RequireScreen screen="events">
                <EventsPage />
              </RequireScreen>
            }
          />
          <Route
            path="ideas"
            element={
              <RequireScreen screen="ideas">
                <IdeasPage />
              </RequireScreen>
            }
          />
          <Route
            path="ideas/:ideaId"
            element={
              <RequireScreen screen="ideas">
                <IdeaDetailPage />
              </RequireScreen>
            }
          />
          <Route
            path="shop/events"
            element={
              <RequireScreen screen="shopEvents">
                <ShopEventsPage />
              </RequireScreen>
            }
          />
          <Route
            path="shop/events/:eventId"
            element={
              <RequireScreen screen="shopEvents">
                <EventDoorPage />
              </RequireScreen>
            }
          />
          <Route
            path="community/moderation"
            element={
              <RequireScreen screen="moderation">
                <ModerationPage />
              </RequireScreen>
            }
          />
          <Route
            path="community/groups"
            element={
              <RequireScreen screen="workingGroups">
                <WorkingGroupsPage />
              </RequireScreen>
            }
          />
          <Route
            path="community/groups/:groupId"
            element={
              <RequireScreen screen="workingGroups">
                <WorkingGroupPage />
              </RequireScreen>
            }
          />
          <Route
            path="shop/agenda"
            element={
              <RequireScreen screen="shopAgenda">
                <ShopAgendaPage />
              </RequireScreen>
            }
          />
          <Route
            path="shop/sign-up"
            element={
              <RequireScreen screen="shopSignUp">
                <ShopSignUpPage />
              </RequireScreen>
            }
          />
          <Route
            path="shop/loans"
            element={
              <RequireScreen screen="shopLoans">
                <ShopLoansPage />
              </RequireScreen>
            }
          />
          <Route
            path="loyalty/admin"
            element={
              <RequireScreen screen="loyaltyAdmin">
                <LoyaltyAdminPage />
              </RequireScreen>
            }
          />
          <Route
            path="me/consents"
            element={
              <RequireScreen screen="consents">
                <ConsentsPage />
              </RequireScreen>
            }
          />
          <Route
            path="customers"
            element={
              <RequireScreen screen="customers">
                <CustomersPage />
              </RequireScreen>
            }
          />
          <Route
            path="customers/:customerId"
            element={
              <RequireScreen screen="customers">
                <CustomerDetailPage />
              </RequireScreen>
            }
          />
          <Route
            path="my-cases"
            element={
              <RequireScreen screen="myCases">
                <OwnedCasesPage />
              </RequireScreen>
            }
          />
          <Route
            path="cases/:caseId"
            element={
              <RequireScreen screen="case">
                <CasePage />
              </RequireScreen>
            }
          />
          <Route
            path="queues/at-risk"
            element={
              <RequireScreen screen="atRisk">
                <AtRiskQueuePage />
              </RequireScreen>
            }
          />
          <Route
            path="overview"
            element={
              <RequireScreen screen="overview">
                <OverviewPage />
              </RequireScreen>
            }
          />
          <Route
            path="sites"
            element={
              <RequireScreen screen="sites">
                <SitesPage />
              </RequireScreen>
            }
          />
          <Route
            path="users"
            element={
              <RequireScreen screen="users">
                <UsersPage />
              </RequireScreen>
            }
          />
          <Route
            path="audit"
            element={
              <RequireScreen screen="audit">
                <AuditPage />
              </RequireScreen>
            }
          />
          <Route
            path="quality"
            element={
              <RequireScreen screen="quality">
                <QualityPage />
              </RequireScreen>
            }
          />
          <Route
            path="planning"
            element={
              <RequireScreen screen="planning">
                <PlanningPage />
              </RequireScreen>
            }
          />
          <Route
            path="planning/settings"
            element={
              <RequireScreen screen="planning">
                <PlanningSettingsPage />
              </RequireScreen>
            }
          />
          <Route
            path="planning/history"
            element={
              <RequireScreen screen="planning">
                <PlanningHistoryPage />
              </RequireScreen>
            }
          />
          <Route
            path="planning/scenarios"
            element={
              <RequireScreen screen="planning">
                <ScenarioListPage />
              </RequireScreen>
            }
          />
          <Route
            path="planning/scenarios/:id"
            element={
              <RequireScreen screen="planning">
                <ScenarioPage />
              </RequireScreen>
            }
          />
          <Route
            path="planning/schedules/:id"
            element={
              <RequireScreen screen="planning">
                <SchedulePage />
              </RequireScreen>
            }
          />
          <Route
            path="planning/compare"
            element={
              <RequireScreen screen="planning">
                <ScenarioComparePage />
              </RequireScreen>
            }
          />
          <Route
            path="planning/achieved"
            element={
              <RequireScreen screen="planning">
                <PlanningAchievedPage />
              </RequireScreen>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
