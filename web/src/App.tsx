import { Route, Routes } from 'react-router';
import { HomeRedirect } from './auth/HomeRedirect';
import { RequireAuth } from './auth/RequireAuth';
import { RequireScreen } from './auth/RequireScreen';
import { UnauthorizedListener } from './auth/UnauthorizedListener';
import { AtRiskQueuePage } from './pages/AtRiskQueuePage';
import { AuditPage } from './pages/AuditPage';
import { CasePage } from './pages/CasePage';
import { CustomerDetailPage } from './pages/CustomerDetailPage';
import { CustomersPage } from './pages/CustomersPage';
import { LoginPage } from './pages/LoginPage';
import { MyLinesPage } from './pages/MyLinesPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OverviewPage } from './pages/OverviewPage';
import { QualityPage } from './pages/QualityPage';
import { SitesPage } from './pages/SitesPage';
import { UsersPage } from './pages/UsersPage';

export function App() {
  return (
    <>
      <UnauthorizedListener />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
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
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
