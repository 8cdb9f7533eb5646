import { lazy, type ComponentType } from 'react';
import type { Params } from 'react-router-dom';
import {
  AimOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  HistoryOutlined,
  IdcardOutlined,
  PartitionOutlined,
  BellOutlined,
  BarChartOutlined,
  BulbOutlined,
  ClusterOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  FormOutlined,
  HomeOutlined,
  NotificationOutlined,
  PlusCircleOutlined,
  RadarChartOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  TransactionOutlined,
  UsergroupAddOutlined,
  VideoCameraOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { ROLES, type Role } from '@common/roles.js';
import type { PublicUser } from '@common/schemas/auth.js';
import type { MessageKey } from './i18n';
import { hasRole, managesMembers } from './policies';

/**
 * Every routed page and every menu entry of the app. A feature registers its page
 * component here; routes, guards, the side menu and the home page's quick actions all follow.
 */

/** Who may open a page: anyone, any logged-in user, or holders of one of the roles. */
export type Access = 'public' | 'auth' | readonly Role[];

export interface PageProps {
  page: PageDef;
}

export interface PageDef {
  key: string;
  /** react-router path pattern. */
  path: string;
  titleKey: MessageKey;
  access: Access;
  component: ComponentType<PageProps>;
  /** A further check on the route's params, e.g. a zone admin only opens their own zone. */
  allow?: (user: PublicUser, params: Params) => boolean;
}

const HomePage = lazy(() => import('../features/home/HomePage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const OrganizationsAdmin = lazy(() => import('../features/admin/OrganizationsPage'));
const AuditLogPage = lazy(() => import('../features/admin/AuditLogPage'));
const StationsAdmin = lazy(() => import('../features/admin/StationsPage'));
const VerificationsPage = lazy(() => import('../features/admin/VerificationsPage'));
const QualificationPage = lazy(() => import('../features/organization/QualificationPage'));
const AchievementCatalogue = lazy(() => import('../features/listings/CataloguePage').then((m) => ({ default: m.AchievementCatalogue })));
const DemandCatalogue = lazy(() => import('../features/listings/CataloguePage').then((m) => ({ default: m.DemandCatalogue })));
const AchievementDetail = lazy(() => import('../features/listings/ListingDetailPage').then((m) => ({ default: m.AchievementDetail })));
const DemandDetail = lazy(() => import('../features/listings/ListingDetailPage').then((m) => ({ default: m.DemandDetail })));
const MyAchievements = lazy(() => import('../features/listings/MyListingsPage').then((m) => ({ default: m.MyAchievements })));
const MyDemands = lazy(() => import('../features/listings/MyListingsPage').then((m) => ({ default: m.MyDemands })));
const NewAchievement = lazy(() => import('../features/listings/form/ListingFormPage').then((m) => ({ default: m.NewAchievement })));
const EditAchievement = lazy(() => import('../features/listings/form/ListingFormPage').then((m) => ({ default: m.EditAchievement })));
const NewDemand = lazy(() => import('../features/listings/form/ListingFormPage').then((m) => ({ default: m.NewDemand })));
const EditDemand = lazy(() => import('../features/listings/form/ListingFormPage').then((m) => ({ default: m.EditDemand })));
const SavedSearches = lazy(() => import('../features/listings/SavedSearchesPage'));
const ReviewsPage = lazy(() => import('../features/reviews/ReviewsPage'));
const OpportunitiesPage = lazy(() => import('../features/broker/OpportunitiesPage'));
const ContractsPage = lazy(() => import('../features/contracts/ContractsPage'));
const NewContract = lazy(() => import('../features/contracts/ContractFormPage').then((m) => ({ default: m.NewContractPage })));
const EditContract = lazy(() => import('../features/contracts/ContractFormPage').then((m) => ({ default: m.EditContractPage })));
const ContractDetail = lazy(() => import('../features/contracts/ContractDetailPage'));
const RegistrarPage = lazy(() => import('../features/registrar/RegistrarPage'));
const ZonesPage = lazy(() => import('../features/zones/ZonesPage'));
const ZoneDashboard = lazy(() => import('../features/zones/ZoneDashboardPage'));
const ZoneIndicators = lazy(() => import('../features/zones/IndicatorsPage'));
const ZonesAdmin = lazy(() => import('../features/zones/admin/ZonesAdminPage'));
const TargetsAdmin = lazy(() => import('../features/zones/admin/TargetsPage'));
const MembersPage = lazy(() => import('../features/organization/MembersPage'));
const NewsList = lazy(() => import('../features/news/NewsListPage'));
const NewsDetail = lazy(() => import('../features/news/NewsDetailPage'));
const NewsAdmin = lazy(() => import('../features/news/NewsAdminPage'));
const NewsNew = lazy(() => import('../features/news/NewsFormPage').then((m) => ({ default: m.NewNewsPage })));
const NewsEdit = lazy(() => import('../features/news/NewsFormPage').then((m) => ({ default: m.EditNewsPage })));
const DealsPage = lazy(() => import('../features/deals/DealsPage'));
const DealDetail = lazy(() => import('../features/deals/DealDetailPage'));
const BrokersPage = lazy(() => import('../features/deals/BrokersPage'));
const BrokerProfile = lazy(() => import('../features/deals/BrokersPage').then((m) => ({ default: m.BrokerProfilePage })));
const OrganizationProfile = lazy(() => import('../features/deals/OrganizationPage'));
const CreditAdmin = lazy(() => import('../features/deals/CreditAdminPage'));
const RoadshowsPage = lazy(() => import('../features/roadshows/RoadshowsPage'));
const RoadshowDetail = lazy(() => import('../features/roadshows/RoadshowDetailPage'));
const RoadshowNew = lazy(() => import('../features/roadshows/RoadshowFormPage'));
const RoadshowEdit = lazy(() => import('../features/roadshows/RoadshowFormPage').then((m) => ({ default: m.RoadshowEditPage })));
const RoadshowLive = lazy(() => import('../features/roadshows/LiveRoomPage').then((m) => ({ default: m.LiveRoomPage })));
const RoadshowConsole = lazy(() => import('../features/roadshows/LiveRoomPage').then((m) => ({ default: m.ConsolePage })));
const RoadshowLeads = lazy(() => import('../features/roadshows/LeadsPage'));
const RoadshowEvents = lazy(() => import('../features/roadshows/OfflineEventsPage'));

const PARTIES: readonly Role[] = ['supplier', 'enterprise', 'broker'];
const EDITORS: readonly Role[] = ['admin', 'zone_admin'];

export const PAGES: readonly PageDef[] = [
  { key: 'home', path: '/', titleKey: 'nav.home', access: 'public', component: HomePage },
  { key: 'roleHome', path: '/home', titleKey: 'nav.home', access: 'auth', component: HomePage },

  { key: 'achievements', path: '/achievements', titleKey: 'nav.achievements', access: 'public', component: AchievementCatalogue },
  { key: 'achievementDetail', path: '/achievements/:id', titleKey: 'page.achievementDetail', access: 'public', component: AchievementDetail },
  { key: 'demands', path: '/demands', titleKey: 'nav.demands', access: 'public', component: DemandCatalogue },
  { key: 'demandDetail', path: '/demands/:id', titleKey: 'page.demandDetail', access: 'public', component: DemandDetail },
  { key: 'roadshows', path: '/roadshows', titleKey: 'nav.roadshows', access: 'public', component: RoadshowsPage },
  { key: 'roadshowNew', path: '/roadshows/new', titleKey: 'page.roadshowNew', access: ['zone_admin', 'broker', 'admin'], component: RoadshowNew },
  { key: 'roadshowEvents', path: '/roadshows/events', titleKey: 'page.roadshowEvents', access: ['zone_admin'], component: RoadshowEvents },
  { key: 'roadshowLeads', path: '/roadshows/leads', titleKey: 'page.roadshowLeads', access: 'auth', component: RoadshowLeads },
  { key: 'roadshowDetail', path: '/roadshows/:id', titleKey: 'page.roadshowDetail', access: 'public', component: RoadshowDetail },
  { key: 'roadshowEdit', path: '/roadshows/:id/edit', titleKey: 'page.roadshowEdit', access: ['zone_admin', 'broker', 'admin'], component: RoadshowEdit },
  { key: 'roadshowLive', path: '/roadshows/:id/live', titleKey: 'page.roadshowLive', access: 'auth', component: RoadshowLive },
  { key: 'roadshowConsole', path: '/roadshows/:id/console', titleKey: 'page.roadshowConsole', access: 'auth', component: RoadshowConsole },
  { key: 'roadshowLeadsOf', path: '/roadshows/:id/leads', titleKey: 'page.roadshowLeads', access: 'auth', component: RoadshowLeads },
  { key: 'zones', path: '/zones', titleKey: 'nav.zones', access: 'public', component: ZonesPage },
  { key: 'zoneDetail', path: '/zones/:zoneId', titleKey: 'page.zoneDetail', access: 'public', component: ZoneDashboard },
  // Public (filed values, read-only); the zone's own admin and platform admins see live values and edit them.
  { key: 'zoneIndicators', path: '/zones/:zoneId/indicators', titleKey: 'nav.zoneIndicators', access: 'public', component: ZoneIndicators },
  { key: 'news', path: '/news', titleKey: 'nav.news', access: 'public', component: NewsList },
  { key: 'newsDetail', path: '/news/:id', titleKey: 'page.newsDetail', access: 'public', component: NewsDetail },

  { key: 'myAchievements', path: '/my/achievements', titleKey: 'nav.myAchievements', access: ['supplier'], component: MyAchievements },
  { key: 'newAchievement', path: '/my/achievements/new', titleKey: 'nav.newAchievement', access: ['supplier'], component: NewAchievement },
  { key: 'achievementEdit', path: '/my/achievements/:id/edit', titleKey: 'page.achievementEdit', access: ['supplier'], component: EditAchievement },
  { key: 'myDemands', path: '/my/demands', titleKey: 'nav.myDemands', access: ['enterprise'], component: MyDemands },
  { key: 'newDemand', path: '/my/demands/new', titleKey: 'nav.newDemand', access: ['enterprise'], component: NewDemand },
  { key: 'demandEdit', path: '/my/demands/:id/edit', titleKey: 'page.demandEdit', access: ['enterprise'], component: EditDemand },
  { key: 'qualifications', path: '/broker/qualifications', titleKey: 'nav.qualifications', access: ['broker'], component: QualificationPage },
  { key: 'savedSearches', path: '/saved-searches', titleKey: 'nav.savedSearches', access: 'auth', component: SavedSearches },
  { key: 'opportunities', path: '/broker/opportunities', titleKey: 'nav.opportunities', access: ['broker'], component: OpportunitiesPage },
  { key: 'deals', path: '/deals', titleKey: 'nav.deals', access: PARTIES, component: DealsPage },
  { key: 'dealDetail', path: '/deals/:id', titleKey: 'page.dealDetail', access: PARTIES, component: DealDetail },
  { key: 'brokers', path: '/brokers', titleKey: 'nav.brokers', access: 'public', component: BrokersPage },
  { key: 'brokerProfile', path: '/brokers/:id', titleKey: 'page.brokerProfile', access: 'public', component: BrokerProfile },
  { key: 'organizationProfile', path: '/organizations/:id', titleKey: 'page.organizationProfile', access: 'public', component: OrganizationProfile },
  { key: 'contracts', path: '/contracts', titleKey: 'nav.contracts', access: [...PARTIES, 'zone_admin', 'admin'], component: ContractsPage },
  { key: 'contractNew', path: '/contracts/new', titleKey: 'page.contractNew', access: PARTIES, component: NewContract },
  { key: 'contractEdit', path: '/contracts/:id/edit', titleKey: 'page.contractEdit', access: PARTIES, component: EditContract },
  {
    key: 'contractDetail',
    path: '/contracts/:id',
    titleKey: 'page.contractDetail',
    access: [...PARTIES, 'registrar', 'zone_admin', 'admin'],
    component: ContractDetail,
  },

  { key: 'reviews', path: '/reviews', titleKey: 'nav.reviews', access: ['reviewer', 'admin'], component: ReviewsPage },
  { key: 'creditAdmin', path: '/admin/credit', titleKey: 'nav.creditAdmin', access: ['reviewer', 'admin'], component: CreditAdmin },
  { key: 'registrar', path: '/registrar', titleKey: 'nav.registrar', access: ['registrar'], component: RegistrarPage },
  { key: 'orgMembers', path: '/organization/members', titleKey: 'nav.orgMembers', access: 'auth', component: MembersPage, allow: managesMembers },
  { key: 'adminUsers', path: '/admin/users', titleKey: 'nav.adminUsers', access: ['admin'], component: UsersPage },
  { key: 'adminOrgs', path: '/admin/organizations', titleKey: 'nav.adminOrgs', access: ['admin'], component: OrganizationsAdmin },
  { key: 'auditLog', path: '/admin/audit-log', titleKey: 'nav.auditLog', access: ['admin', 'zone_admin'], component: AuditLogPage },
  { key: 'adminStations', path: '/admin/stations', titleKey: 'nav.adminStations', access: ['admin'], component: StationsAdmin },
  { key: 'verifications', path: '/admin/verifications', titleKey: 'nav.verifications', access: ['reviewer', 'admin'], component: VerificationsPage },
  { key: 'adminZones', path: '/admin/zones', titleKey: 'nav.adminZones', access: ['admin'], component: ZonesAdmin },
  { key: 'adminTargets', path: '/admin/targets', titleKey: 'nav.adminTargets', access: ['admin'], component: TargetsAdmin },
  { key: 'newsAdmin', path: '/admin/news', titleKey: 'nav.newsAdmin', access: EDITORS, component: NewsAdmin },
  { key: 'newsNew', path: '/admin/news/new', titleKey: 'page.newsNew', access: EDITORS, component: NewsNew },
  { key: 'newsEdit', path: '/admin/news/:id/edit', titleKey: 'page.newsEdit', access: EDITORS, component: NewsEdit },
];

export type MenuGroup = 'public' | 'work' | 'manage';

/** An @ant-design/icons component; rendered aria-hidden because the text next to it names the item. */
export type IconComponent = ComponentType<{ 'aria-hidden'?: boolean }>;

export interface MenuDef {
  key: string;
  labelKey: MessageKey;
  /** One line for the quick-action card on the home page. */
  descKey: MessageKey;
  icon: IconComponent;
  group: MenuGroup;
  /** 'everyone' includes visitors who are not logged in. */
  roles: 'everyone' | readonly Role[];
  /** Link target; null hides the entry (e.g. a zone admin whose account has no zone yet). */
  to: string | ((user: PublicUser) => string | null);
}

const myZone = (suffix: string) => (user: PublicUser) => (user.zoneId ? `/zones/${encodeURIComponent(user.zoneId)}${suffix}` : null);

/** The side menu, in display order; a user sees the union of the entries for all their roles. */
export const MENU: readonly MenuDef[] = [
  { key: 'home', labelKey: 'nav.home', descKey: 'home.intro', icon: HomeOutlined, group: 'public', roles: 'everyone', to: '/' },
  { key: 'achievements', labelKey: 'nav.achievements', descKey: 'action.achievements', icon: ExperimentOutlined, group: 'public', roles: 'everyone', to: '/achievements' },
  { key: 'demands', labelKey: 'nav.demands', descKey: 'action.demands', icon: BulbOutlined, group: 'public', roles: 'everyone', to: '/demands' },
  { key: 'roadshows', labelKey: 'nav.roadshows', descKey: 'action.roadshows', icon: VideoCameraOutlined, group: 'public', roles: 'everyone', to: '/roadshows' },
  { key: 'zones', labelKey: 'nav.zones', descKey: 'action.zones', icon: EnvironmentOutlined, group: 'public', roles: 'everyone', to: '/zones' },
  { key: 'news', labelKey: 'nav.news', descKey: 'action.news', icon: NotificationOutlined, group: 'public', roles: 'everyone', to: '/news' },
  { key: 'brokers', labelKey: 'nav.brokers', descKey: 'action.brokers', icon: SolutionOutlined, group: 'public', roles: 'everyone', to: '/brokers' },

  { key: 'myAchievements', labelKey: 'nav.myAchievements', descKey: 'action.myAchievements', icon: AppstoreOutlined, group: 'work', roles: ['supplier'], to: '/my/achievements' },
  { key: 'newAchievement', labelKey: 'nav.newAchievement', descKey: 'action.newAchievement', icon: PlusCircleOutlined, group: 'work', roles: ['supplier'], to: '/my/achievements/new' },
  { key: 'myDemands', labelKey: 'nav.myDemands', descKey: 'action.myDemands', icon: AppstoreOutlined, group: 'work', roles: ['enterprise'], to: '/my/demands' },
  { key: 'newDemand', labelKey: 'nav.newDemand', descKey: 'action.newDemand', icon: FormOutlined, group: 'work', roles: ['enterprise'], to: '/my/demands/new' },
  { key: 'savedSearches', labelKey: 'nav.savedSearches', descKey: 'action.savedSearches', icon: BellOutlined, group: 'work', roles: ROLES, to: '/saved-searches' },
  { key: 'opportunities', labelKey: 'nav.opportunities', descKey: 'action.opportunities', icon: RadarChartOutlined, group: 'work', roles: ['broker'], to: '/broker/opportunities' },
  { key: 'qualifications', labelKey: 'nav.qualifications', descKey: 'action.qualifications', icon: IdcardOutlined, group: 'work', roles: ['broker'], to: '/broker/qualifications' },
  { key: 'deals', labelKey: 'nav.deals', descKey: 'action.deals', icon: TransactionOutlined, group: 'work', roles: PARTIES, to: '/deals' },
  { key: 'contracts', labelKey: 'nav.contracts', descKey: 'action.contracts', icon: FileProtectOutlined, group: 'work', roles: PARTIES, to: '/contracts' },
  { key: 'reviews', labelKey: 'nav.reviews', descKey: 'action.reviews', icon: AuditOutlined, group: 'work', roles: ['reviewer'], to: '/reviews' },
  { key: 'registrar', labelKey: 'nav.registrar', descKey: 'action.registrar', icon: SafetyCertificateOutlined, group: 'work', roles: ['registrar'], to: '/registrar' },
  { key: 'zoneDashboard', labelKey: 'nav.zoneDashboard', descKey: 'action.zoneDashboard', icon: DashboardOutlined, group: 'work', roles: ['zone_admin'], to: myZone('') },
  { key: 'zoneIndicators', labelKey: 'nav.zoneIndicators', descKey: 'action.zoneIndicators', icon: BarChartOutlined, group: 'work', roles: ['zone_admin'], to: myZone('/indicators') },

  {
    key: 'orgMembers',
    labelKey: 'nav.orgMembers',
    descKey: 'action.orgMembers',
    icon: UsergroupAddOutlined,
    group: 'manage',
    roles: ROLES,
    to: (user) => (user.organizationId && user.orgAdmin ? '/organization/members' : null),
  },
  { key: 'adminUsers', labelKey: 'nav.adminUsers', descKey: 'action.adminUsers', icon: TeamOutlined, group: 'manage', roles: ['admin'], to: '/admin/users' },
  { key: 'adminOrgs', labelKey: 'nav.adminOrgs', descKey: 'action.adminOrgs', icon: BankOutlined, group: 'manage', roles: ['admin'], to: '/admin/organizations' },
  { key: 'verifications', labelKey: 'nav.verifications', descKey: 'action.verifications', icon: IdcardOutlined, group: 'manage', roles: ['reviewer', 'admin'], to: '/admin/verifications' },
  { key: 'adminStations', labelKey: 'nav.adminStations', descKey: 'action.adminStations', icon: PartitionOutlined, group: 'manage', roles: ['admin'], to: '/admin/stations' },
  { key: 'auditLog', labelKey: 'nav.auditLog', descKey: 'action.auditLog', icon: HistoryOutlined, group: 'manage', roles: ['admin', 'zone_admin'], to: '/admin/audit-log' },
  { key: 'adminZones', labelKey: 'nav.adminZones', descKey: 'action.adminZones', icon: ClusterOutlined, group: 'manage', roles: ['admin'], to: '/admin/zones' },
  { key: 'adminTargets', labelKey: 'nav.adminTargets', descKey: 'action.adminTargets', icon: AimOutlined, group: 'manage', roles: ['admin'], to: '/admin/targets' },
  { key: 'newsAdmin', labelKey: 'nav.newsAdmin', descKey: 'action.newsAdmin', icon: ReadOutlined, group: 'manage', roles: EDITORS, to: '/admin/news' },
  { key: 'creditAdmin', labelKey: 'nav.creditAdmin', descKey: 'action.creditAdmin', icon: WarningOutlined, group: 'manage', roles: ['reviewer', 'admin'], to: '/admin/credit' },
];

export const MENU_GROUPS: readonly { group: MenuGroup; labelKey: MessageKey }[] = [
  { group: 'public', labelKey: 'menu.group.public' },
  { group: 'work', labelKey: 'menu.group.work' },
  { group: 'manage', labelKey: 'menu.group.manage' },
];

/** Role homes: heading and quick actions (menu keys) per role, in the order roles are shown. */
export const ROLE_HOMES: readonly { role: Role; headingKey: MessageKey; descKey: MessageKey; actions: readonly string[] }[] = [
  { role: 'supplier', headingKey: 'home.heading.supplier', descKey: 'home.desc.supplier', actions: ['newAchievement', 'myAchievements', 'deals', 'contracts'] },
  { role: 'enterprise', headingKey: 'home.heading.enterprise', descKey: 'home.desc.enterprise', actions: ['newDemand', 'myDemands', 'deals', 'contracts'] },
  { role: 'broker', headingKey: 'home.heading.broker', descKey: 'home.desc.broker', actions: ['opportunities', 'deals', 'contracts', 'roadshows'] },
  { role: 'reviewer', headingKey: 'home.heading.reviewer', descKey: 'home.desc.reviewer', actions: ['reviews', 'creditAdmin', 'achievements', 'demands'] },
  { role: 'registrar', headingKey: 'home.heading.registrar', descKey: 'home.desc.registrar', actions: ['registrar'] },
  { role: 'zone_admin', headingKey: 'home.heading.zone_admin', descKey: 'home.desc.zone_admin', actions: ['zoneDashboard', 'zoneIndicators', 'roadshows', 'newsAdmin'] },
  { role: 'admin', headingKey: 'home.heading.admin', descKey: 'home.desc.admin', actions: ['adminUsers', 'adminOrgs', 'verifications', 'auditLog'] },
];

/** Whether a menu entry is for this user (or for visitors when user is null). */
export function menuVisible(item: MenuDef, user: PublicUser | null): boolean {
  if (item.roles === 'everyone') return true;
  return hasRole(user, ...item.roles);
}

/** The link of a menu entry for this user, or null when it does not apply. */
export function menuTarget(item: MenuDef, user: PublicUser | null): string | null {
  if (typeof item.to === 'string') return item.to;
  return user ? item.to(user) : null;
}

/** The menu entries this user sees, each with its resolved link. */
export function menuFor(user: PublicUser | null): { item: MenuDef; to: string }[] {
  const entries: { item: MenuDef; to: string }[] = [];
  for (const item of MENU) {
    if (!menuVisible(item, user)) continue;
    const to = menuTarget(item, user);
    if (to) entries.push({ item, to });
  }
  return entries;
}

/** The entry to highlight for a location: the longest link that is the path or a parent of it. */
export function activeMenuKey(entries: readonly { item: MenuDef; to: string }[], pathname: string): string | undefined {
  let best: { key: string; length: number } | undefined;
  for (const { item, to } of entries) {
    const matches = to === '/' ? pathname === '/' || pathname === '/home' : pathname === to || pathname.startsWith(`${to}/`);
    if (matches && (!best || to.length > best.length)) best = { key: item.key, length: to.length };
  }
  return best?.key;
}

/** Whether a user (null = visitor) may open a page. 'login' means they must log in first. */
export function pageAccess(page: PageDef, user: PublicUser | null, params: Params): 'ok' | 'login' | 'forbidden' {
  if (page.access === 'public') return 'ok';
  if (!user) return 'login';
  if (page.access !== 'auth' && !hasRole(user, ...page.access)) return 'forbidden';
  if (page.allow && !page.allow(user, params)) return 'forbidden';
  return 'ok';
}
