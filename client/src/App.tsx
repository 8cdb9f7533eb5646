import { lazy, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider, RequireAccess } from './features/auth';
import { I18nProvider, useLocale, useT, type MessageKey } from './shared/i18n';
import { usePageMeta } from './shared/pageMeta';
import { PAGES } from './shared/navigation';
import { AppLayout } from './shared/layout/AppLayout';
import { NotFound } from './shared/components/StatusPages';

const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const RegisterPage = lazy(() => import('./features/auth/RegisterPage'));
const ForgotPasswordPage = lazy(() => import('./features/auth/PasswordResetPages').then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('./features/auth/PasswordResetPages').then((m) => ({ default: m.ResetPasswordPage })));

/** The document title of a page outside the PAGES table (login, registration). */
function Titled({ titleKey, children }: { titleKey: MessageKey; children: ReactNode }) {
  const t = useT();
  usePageMeta(t(titleKey));
  return children;
}

const THEME = {
  token: {
    colorPrimary: '#1668dc',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

function Shell() {
  const { locale } = useLocale();
  return (
    // autoInsertSpace off: antd would render "登 录", breaking the buttons' accessible names.
    <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route element={<AppLayout />}>
                {PAGES.map((page) => (
                  <Route key={page.key} path={page.path} element={<RequireAccess page={page} />} />
                ))}
                <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                <Route path="/reset-password" element={<ResetPasswordPage />} />
                <Route path="/login" element={<Titled titleKey="header.login"><LoginPage /></Titled>} />
                <Route path="/register" element={<Titled titleKey="header.register"><RegisterPage /></Titled>} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** The whole client: language, theme, session and routes. */
export default function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}
