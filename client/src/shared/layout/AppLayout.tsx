import { Suspense, useMemo, useState } from 'react';
import { Alert, App, Avatar, Button, Drawer, Flex, Grid, Layout, Menu, Typography, type MenuProps } from 'antd';
import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../features/auth';
import { NotificationBell } from '../../features/notifications/NotificationBell';
import { useLocale, useT } from '../i18n';
import { describeError } from '../api';
import { MENU_GROUPS, activeMenuKey, menuFor } from '../navigation';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageLoading } from '../components/StatusPages';
import { LinkButton } from '../components/LinkButton';

const { Header, Sider, Content, Footer } = Layout;

/** Pages that already offer login and registration themselves. */
const AUTH_ENTRY_PAGES = ['/', '/login', '/register'];

function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <Button
      type="text"
      className="gjt-header-button"
      icon={<TranslationOutlined aria-hidden />}
      aria-label={t('lang.switchAria')}
      onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
    >
      {t('lang.switchTo')}
    </Button>
  );
}

function UserArea() {
  const t = useT();
  const { message } = App.useApp();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [leaving, setLeaving] = useState(false);

  if (!user) {
    if (AUTH_ENTRY_PAGES.includes(pathname)) return null;
    return (
      <Flex gap={8}>
        <LinkButton type="primary" to={`/login?next=${encodeURIComponent(pathname)}`}>
          {t('header.login')}
        </LinkButton>
        <LinkButton to="/register">{t('header.register')}</LinkButton>
      </Flex>
    );
  }

  const onLogout = async () => {
    setLeaving(true);
    try {
      await logout();
      message.success(t('header.loggedOut'));
      navigate('/', { replace: true });
    } catch (error) {
      message.error(t('common.withReason', { what: t('header.logoutFailed'), reason: describeError(error, t) }));
    } finally {
      setLeaving(false);
    }
  };

  return (
    <Flex gap={12} align="center">
      <NotificationBell userId={user.id} />
      <Avatar icon={<UserOutlined aria-hidden />} style={{ backgroundColor: '#1668dc', flex: 'none' }} />
      <div className="gjt-user" data-testid="current-user">
        <Typography.Text strong className="gjt-user-name">
          {user.name}
        </Typography.Text>
        <Typography.Text type="secondary" className="gjt-user-org">
          {user.organization?.name ?? t('member.headerPending')}
        </Typography.Text>
      </div>
      <Button icon={<LogoutOutlined aria-hidden />} aria-label={t('header.logout')} onClick={onLogout} loading={leaving}>
        {t('header.logout')}
      </Button>
    </Flex>
  );
}

/** The frame of every page: header, role-dependent side menu, content and footer. */
export function AppLayout() {
  const t = useT();
  const { user, error, refresh } = useAuth();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  // On phones and small tablets the menu opens as a drawer over the page instead of squeezing it.
  const narrow = screens.lg === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const menuHidden = narrow ? !drawerOpen : collapsed;

  const entries = useMemo(() => menuFor(user), [user]);
  const selected = activeMenuKey(entries, pathname);
  const items: MenuProps['items'] = MENU_GROUPS.flatMap(({ group, labelKey }) => {
    const children = entries
      .filter(({ item }) => item.group === group)
      .map(({ item, to }) => {
        const Icon = item.icon;
        return { key: item.key, icon: <Icon aria-hidden />, label: <Link to={to}>{t(item.labelKey)}</Link> };
      });
    return children.length ? [{ type: 'group' as const, key: group, label: t(labelKey), children }] : [];
  });

  const menu = (
    <nav aria-label={t('menu.label')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected ? [selected] : []}
        onClick={() => setDrawerOpen(false)}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="gjt-header">
        <Flex align="center" gap={12} style={{ minWidth: 0 }}>
          <Button
            type="text"
            className="gjt-header-button"
            aria-label={t('menu.toggle')}
            aria-expanded={!menuHidden}
            icon={menuHidden ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
            onClick={() => (narrow ? setDrawerOpen(!drawerOpen) : setCollapsed(!collapsed))}
          />
          <Link to="/" className="gjt-logo">
            {t('app.name')}
          </Link>
          {screens.md && <span className="gjt-logo-sub">{t('app.fullName')}</span>}
        </Flex>
        <Flex align="center" gap={12}>
          <LanguageSwitch />
          <UserArea />
        </Flex>
      </Header>
      <Layout>
        {narrow ? (
          <Drawer
            open={drawerOpen}
            placement="left"
            size={260}
            title={t('app.name')}
            onClose={() => setDrawerOpen(false)}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Sider width={220} theme="light" collapsedWidth={64} collapsed={collapsed} trigger={null} className="gjt-sider">
            {menu}
          </Sider>
        )}
        <Layout>
          <Content className="gjt-content">
            {error !== null && (
              <Alert
                type="warning"
                showIcon
                title={t('error.authLoad')}
                description={describeError(error, t)}
                action={
                  <Button size="small" onClick={() => void refresh()}>
                    {t('common.retry')}
                  </Button>
                }
                style={{ marginBottom: 16 }}
              />
            )}
            <ErrorBoundary key={pathname}>
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </Content>
          <Footer className="gjt-footer">{t('app.footer')}</Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
