import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { ROLE_NAMES, ORG_TYPE_NAMES, type Role, type OrgType } from '@common/roles.js';
import { listingsEn, listingsZh } from './messages/listings';
import { contractsEn, contractsZh } from './messages/contracts';
import { membershipEn, membershipZh } from './messages/membership';
import { portalEn, portalZh } from './messages/portal';
import { dealsEn, dealsZh } from './messages/deals';
import { roadshowsEn, roadshowsZh } from './messages/roadshows';
import { administrationEn, administrationZh } from './messages/administration';

export type Locale = 'zh' | 'en';

/** Chinese is the reference dictionary: its keys are the only valid message keys. */
const zh = {
  'app.name': '桂技通',
  'app.fullName': '广西科技成果转移转化服务平台',
  'app.footer': '桂技通 · 广西科技成果转移转化服务平台 · 服务科技成果转移转化示范区建设',
  'lang.switchTo': 'English',
  'lang.switchAria': '切换为英文界面',

  'menu.group.public': '公共服务',
  'menu.group.work': '业务办理',
  'menu.group.manage': '系统管理',
  'menu.toggle': '展开或收起菜单',
  'menu.label': '主菜单',

  'nav.home': '首页',
  'nav.achievements': '科技成果',
  'nav.demands': '技术需求',
  'nav.roadshows': '在线路演',
  'nav.zones': '示范区',
  'nav.myAchievements': '我的成果',
  'nav.newAchievement': '发布成果',
  'nav.myDemands': '我的需求',
  'nav.newDemand': '发布需求',
  'nav.opportunities': '我的商机',
  'nav.deals': '我的交易',
  'nav.contracts': '技术合同',
  'nav.reviews': '信息审核',
  'nav.registrar': '合同登记工作台',
  'nav.zoneDashboard': '示范区看板',
  'nav.zoneIndicators': '指标填报',
  'nav.adminUsers': '用户管理',
  'nav.adminZones': '示范区管理',

  'page.achievementDetail': '成果详情',
  'page.achievementEdit': '编辑成果',
  'page.demandDetail': '需求详情',
  'page.demandEdit': '编辑需求',
  'page.roadshowDetail': '路演详情',
  'page.zoneDetail': '示范区详情',
  'page.dealDetail': '交易详情',
  'page.contractNew': '提交技术合同',
  'page.contractDetail': '合同详情',

  'action.myAchievements': '查看已发布、审核中和草稿状态的成果，跟进审核结果',
  'action.newAchievement': '填写成果简介、成熟度、知识产权和转化方式，提交审核后公开展示',
  'action.myDemands': '管理企业发布的技术需求，查看平台推荐的匹配成果',
  'action.newDemand': '描述技术难题、预期指标和预算区间，向高校院所征集解决方案',
  'action.opportunities': '查看系统推荐的供需匹配，把合适的对接转化为商机',
  'action.deals': '跟进对接、洽谈、签约各阶段，在线沟通报价与合作条件',
  'action.contracts': '在线提交技术合同，办理认定登记并查看登记进度',
  'action.reviews': '审核待发布的科技成果和技术需求，确保信息真实规范',
  'action.registrar': '受理技术合同认定登记申请，按时办结并核发登记编号',
  'action.zoneDashboard': '查看本示范区技术交易、转移机构等建设指标的完成情况',
  'action.zoneIndicators': '填报需手工录入的建设指标并注明数据来源，生成年度建设报告',
  'action.adminUsers': '查询平台用户，为工作人员授予审核、登记、示范区管理等角色',
  'action.adminZones': '维护示范区名录、所属城市和建设状态',
  'action.achievements': '按产业领域、成熟度、转化方式检索已公开的科技成果',
  'action.demands': '浏览企业发布的技术需求，寻找合作机会',
  'action.roadshows': '观看成果路演，实时提问并表达合作意向',
  'action.zones': '了解各示范区的建设情况和年度指标',

  'header.login': '登录',
  'header.register': '注册',
  'header.logout': '退出登录',
  'header.loggedOut': '您已退出登录',
  'header.logoutFailed': '退出登录失败，请稍后重试',

  'common.retry': '重试',
  'common.backHome': '返回首页',
  'common.loading': '正在加载…',
  'common.cancel': '取消',
  'common.ok': '确定',
  'common.none': '—',
  'common.withReason': '{what}：{reason}',
  'common.listSeparator': '；',
  'common.labelled': '{label}：',
  'common.uploadFailed': '“{name}”上传失败：{reason}',

  'error.network': '无法连接服务器，请检查网络后重试',
  'error.unknown': '操作失败，请稍后重试',
  'error.server': '服务器暂时无法处理请求（{status}），请稍后重试',
  'error.loadFailed': '加载失败',
  'error.authLoad': '暂时无法获取登录状态，部分功能可能不可用。',

  'status.forbidden': '无权访问',
  'status.forbiddenSub': '您的账号没有访问该页面的权限。如需开通，请联系平台管理员。',
  'status.notFound': '页面不存在',
  'status.notFoundSub': '您访问的页面不存在或已被移除，请检查网址是否正确。',
  'status.crashed': '页面出现错误',
  'status.crashedSub': '页面加载时出现问题，请刷新后重试。',
  'status.reload': '刷新页面',

  'field.email': '邮箱',
  'field.password': '密码',
  'field.confirmPassword': '确认密码',
  'field.name': '姓名',
  'field.role': '注册身份',
  'field.orgMode': '单位信息',
  'field.orgName': '单位名称',
  'field.orgType': '单位类型',
  'field.creditCode': '统一社会信用代码',
  'field.regionCode': '行政区划代码',
  'field.zone': '所在示范区',
  'field.existingOrg': '所属单位',

  'login.title': '登录桂技通',
  'login.subtitle': '使用注册邮箱和密码登录',
  'login.submit': '登录',
  'login.emailPlaceholder': '请输入注册邮箱',
  'login.passwordPlaceholder': '请输入密码',
  'login.noAccount': '还没有账号？',
  'login.toRegister': '立即注册',
  'login.rateLimited': '尝试次数过多，请 {n} 秒后再试',
  'login.rateLimitedLater': '尝试次数过多，请稍后再试',
  'login.welcome': '登录成功，欢迎回来',
  'login.needLogin': '请先登录后再访问该页面',

  'register.title': '注册桂技通账号',
  'register.subtitle': '成果方、需求方和技术经纪人可自助注册；信息审核员、合同登记员和示范区管理员由平台管理员授予。',
  'register.section.account': '账号信息',
  'register.section.org': '所在单位',
  'register.submit': '注册',
  'register.hasAccount': '已有账号？',
  'register.toLogin': '去登录',
  'register.success': '注册成功，欢迎使用桂技通',
  'register.emailPlaceholder': '用于登录和接收通知',
  'register.passwordExtra': '至少 8 位，须同时包含字母和数字',
  'register.confirmRequired': '请再次输入密码',
  'register.confirmMismatch': '两次输入的密码不一致',
  'register.namePlaceholder': '请输入真实姓名',
  'register.roleHint.supplier': '适用于高校、科研院所人员：发布科技成果，响应企业技术需求，参加在线路演。',
  'register.roleHint.enterprise': '适用于企业人员：发布技术需求，检索并购买、许可科技成果。',
  'register.roleHint.broker': '适用于技术经纪人、技术经理人：促成供需对接，跟进商机和交易洽谈。',
  'register.orgMode.new': '登记新单位',
  'register.orgMode.existing': '加入已有单位',
  'register.orgNamePlaceholder': '与营业执照或法人证书上的名称一致',
  'register.orgTypePlaceholder': '请选择单位类型',
  'register.creditCodePlaceholder': '18 位，如 91450100MA5XXXXXXX',
  'register.regionCodePlaceholder': '6 位数字，可输入城市名称选择',
  'register.regionCodeExtra': '可选择所在地市的代码，也可直接填写区县代码（GB/T 2260）',
  'register.zonePlaceholder': '未入驻示范区可不选',
  'register.zoneLoadFailed': '示范区列表加载失败，可稍后再选',
  'register.existingOrgPlaceholder': '输入单位名称关键字搜索',
  'register.existingOrgRequired': '请选择要加入的单位',
  'register.existingOrgEmpty': '未找到匹配的单位，可改为“登记新单位”',
  'register.existingOrgHint': '输入关键字后从列表中选择',
  'register.existingOrgFailed': '单位搜索失败，请稍后重试',

  'home.greeting': '您好，{name}',
  'home.intro': '欢迎使用桂技通。以下是您当前身份可以办理的常用事项。',
  'home.org': '所在单位',
  'home.roles': '当前角色',
  'home.email': '登录邮箱',
  'home.noRoles': '您的账号暂未分配业务角色，可先浏览公开的科技成果和技术需求；如需开通，请联系平台管理员。',
  'home.noZone': '您的账号尚未关联示范区，请联系平台管理员设置后再使用示范区功能。',
  'home.browse': '公共服务',
  'home.heading.supplier': '成果方工作台',
  'home.heading.enterprise': '需求方工作台',
  'home.heading.broker': '技术经纪人工作台',
  'home.heading.reviewer': '审核工作台',
  'home.heading.registrar': '合同登记工作台',
  'home.heading.zone_admin': '示范区工作台',
  'home.heading.admin': '平台管理',
  'home.desc.supplier': '发布科技成果、响应企业需求，推动成果转化落地。',
  'home.desc.enterprise': '发布技术需求，寻找合适的科技成果和合作团队。',
  'home.desc.broker': '发现供需匹配机会，组织洽谈并促成技术交易。',
  'home.desc.reviewer': '对提交发布的科技成果和技术需求进行审核。',
  'home.desc.registrar': '办理技术合同认定登记，按期完成审查。',
  'home.desc.zone_admin': '掌握本示范区建设进度，按时填报指标和年度建设报告。',
  'home.desc.admin': '管理平台用户、角色授权和示范区名录。',

  'landing.title': '桂技通',
  'landing.subtitle': '广西科技成果转移转化服务平台',
  'landing.intro':
    '桂技通面向广西科技成果转移转化示范区，连接高校、科研院所、企业和技术经纪人，提供从成果发布、需求征集、供需匹配到技术合同认定登记的全流程线上服务，推动更多科技成果在广西落地转化。',
  'landing.login': '登录',
  'landing.register': '注册',
  'landing.browseAchievements': '浏览科技成果',
  'landing.browseDemands': '浏览技术需求',
  'landing.featuresTitle': '平台服务',
  'landing.audienceTitle': '服务对象',
  'landing.f.publish': '成果发布',
  'landing.f.publishDesc': '高校、科研院所在线发布科技成果，标明技术成熟度、知识产权和转化方式，经审核后向社会公开。',
  'landing.f.demand': '需求征集',
  'landing.f.demandDesc': '企业发布技术难题和合作意向，明确预期指标和预算区间，面向全区征集解决方案。',
  'landing.f.match': '智能匹配',
  'landing.f.matchDesc': '综合产业领域、关键词、成熟度等因素自动推荐供需对象，并给出匹配理由，便于快速对接。',
  'landing.f.roadshow': '在线路演',
  'landing.f.roadshowDesc': '示范区和成果方组织线上路演，观众实时提问、表达合作意向，技术经纪人及时跟进。',
  'landing.f.contract': '技术合同认定登记',
  'landing.f.contractDesc': '技术合同在线提交，登记机构限时审查并核发登记编号，方便享受相关扶持政策。',
  'landing.f.indicator': '示范区指标',
  'landing.f.indicatorDesc': '技术合同成交额等指标由平台数据自动汇总，其余指标在线填报，一键生成年度建设报告。',
  'landing.a.university': '高校和科研院所',
  'landing.a.universityDesc': '展示成果，寻找产业化合作伙伴',
  'landing.a.enterprise': '企业',
  'landing.a.enterpriseDesc': '发布需求，获取技术和人才支撑',
  'landing.a.broker': '技术经纪人和转移机构',
  'landing.a.brokerDesc': '撮合供需，服务交易全过程',
  'landing.a.zone': '示范区和主管部门',
  'landing.a.zoneDesc': '掌握建设进展，落实支持政策',

  'admin.users.title': '用户管理',
  'admin.users.subtitle': '查询平台用户，并为工作人员授予信息审核员、技术合同登记员、示范区管理员或平台管理员角色。',
  'admin.users.search': '搜索姓名、邮箱或单位',
  'admin.users.total': '共 {n} 位用户',
  'admin.users.empty': '暂无用户',
  'admin.users.emptySearch': '没有找到与“{q}”匹配的用户',
  'admin.users.col.name': '姓名',
  'admin.users.col.email': '邮箱',
  'admin.users.col.org': '所属单位',
  'admin.users.col.roles': '角色',
  'admin.users.col.zone': '所在示范区',
  'admin.users.col.createdAt': '注册时间',
  'admin.users.col.actions': '操作',
  'admin.users.grant': '授予角色',
  'admin.grant.title': '授予角色：{name}',
  'admin.grant.roles': '授予的角色',
  'admin.grant.rolesHint': '自助注册的身份（成果方、需求方、技术经纪人）不在此调整。',
  'admin.grant.zone': '管理的示范区',
  'admin.grant.zoneRequired': '授予示范区管理员角色时，请选择其管理的示范区',
  'admin.grant.zonePlaceholder': '请选择示范区',
  'admin.grant.submit': '确定授予',
  'admin.grant.success': '已更新 {name} 的角色',
  'admin.grant.current': '现有角色',

  ...listingsZh,
  ...contractsZh,
  ...membershipZh,
  ...portalZh,
  ...dealsZh,
  ...roadshowsZh,
  ...administrationZh,
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.name': 'GuiJiTong',
  'app.fullName': 'Guangxi Technology Transfer Service Platform',
  'app.footer': 'GuiJiTong · Guangxi Technology Transfer Service Platform · serving the technology-transfer demonstration zones',
  'lang.switchTo': '中文',
  'lang.switchAria': 'Switch to Chinese',

  'menu.group.public': 'Public services',
  'menu.group.work': 'My work',
  'menu.group.manage': 'Administration',
  'menu.toggle': 'Toggle menu',
  'menu.label': 'Main menu',

  'nav.home': 'Home',
  'nav.achievements': 'Achievements',
  'nav.demands': 'Technology demands',
  'nav.roadshows': 'Online roadshows',
  'nav.zones': 'Demonstration zones',
  'nav.myAchievements': 'My achievements',
  'nav.newAchievement': 'Publish an achievement',
  'nav.myDemands': 'My demands',
  'nav.newDemand': 'Post a demand',
  'nav.opportunities': 'My opportunities',
  'nav.deals': 'My deals',
  'nav.contracts': 'Technology contracts',
  'nav.reviews': 'Listing review',
  'nav.registrar': 'Contract registration desk',
  'nav.zoneDashboard': 'Zone dashboard',
  'nav.zoneIndicators': 'Indicator entry',
  'nav.adminUsers': 'Users',
  'nav.adminZones': 'Zones',

  'page.achievementDetail': 'Achievement details',
  'page.achievementEdit': 'Edit achievement',
  'page.demandDetail': 'Demand details',
  'page.demandEdit': 'Edit demand',
  'page.roadshowDetail': 'Roadshow',
  'page.zoneDetail': 'Zone details',
  'page.dealDetail': 'Deal',
  'page.contractNew': 'Submit a contract',
  'page.contractDetail': 'Contract details',

  'action.myAchievements': 'Track your published, pending and draft achievements and their review results',
  'action.newAchievement': 'Describe the achievement, its maturity, IP and transfer modes, then submit it for review',
  'action.myDemands': 'Manage your technology demands and see recommended achievements',
  'action.newDemand': 'Describe the problem, target indicators and budget to collect solutions',
  'action.opportunities': 'Review recommended matches and turn good ones into deals',
  'action.deals': 'Follow deals from first contact to signing and negotiate online',
  'action.contracts': 'Submit technology contracts for registration and follow their progress',
  'action.reviews': 'Review achievements and demands before they are published',
  'action.registrar': 'Process contract registration requests on time and issue registration numbers',
  'action.zoneDashboard': 'Follow your zone\'s indicators: technology trade, transfer agencies and more',
  'action.zoneIndicators': 'Enter manual indicators with their sources and produce the annual report',
  'action.adminUsers': 'Find users and grant reviewer, registrar, zone administrator or admin roles',
  'action.adminZones': 'Maintain the list of zones, their cities and status',
  'action.achievements': 'Search published achievements by industry, maturity and transfer mode',
  'action.demands': 'Browse technology demands posted by enterprises',
  'action.roadshows': 'Watch roadshows, ask questions and express interest',
  'action.zones': 'See how each demonstration zone is progressing',

  'header.login': 'Log in',
  'header.register': 'Sign up',
  'header.logout': 'Log out',
  'header.loggedOut': 'You have logged out',
  'header.logoutFailed': 'Could not log out, please try again',

  'common.retry': 'Retry',
  'common.backHome': 'Back to home',
  'common.loading': 'Loading…',
  'common.cancel': 'Cancel',
  'common.ok': 'OK',
  'common.none': '—',
  'common.withReason': '{what}: {reason}',
  'common.listSeparator': '; ',
  'common.labelled': '{label}:',
  'common.uploadFailed': 'Upload of "{name}" failed: {reason}',

  'error.network': 'Cannot reach the server. Check your connection and try again.',
  'error.unknown': 'Something went wrong. Please try again later.',
  'error.server': 'The server could not handle the request ({status}). Please try again later.',
  'error.loadFailed': 'Failed to load',
  'error.authLoad': 'Could not check your login status; some features may be unavailable.',

  'status.forbidden': 'Access denied',
  'status.forbiddenSub': 'Your account may not open this page. Contact the platform administrator to request access.',
  'status.notFound': 'Page not found',
  'status.notFoundSub': 'The page does not exist or has been removed. Please check the address.',
  'status.crashed': 'Something went wrong',
  'status.crashedSub': 'The page failed to load. Please reload and try again.',
  'status.reload': 'Reload',

  'field.email': 'Email',
  'field.password': 'Password',
  'field.confirmPassword': 'Confirm password',
  'field.name': 'Name',
  'field.role': 'Register as',
  'field.orgMode': 'Organization',
  'field.orgName': 'Organization name',
  'field.orgType': 'Organization type',
  'field.creditCode': 'Unified social credit code',
  'field.regionCode': 'Administrative region code',
  'field.zone': 'Demonstration zone',
  'field.existingOrg': 'Existing organization',

  'login.title': 'Log in to GuiJiTong',
  'login.subtitle': 'Use the email and password you registered with',
  'login.submit': 'Log in',
  'login.emailPlaceholder': 'Your email',
  'login.passwordPlaceholder': 'Your password',
  'login.noAccount': 'No account yet?',
  'login.toRegister': 'Sign up',
  'login.rateLimited': 'Too many attempts. Try again in {n} seconds.',
  'login.rateLimitedLater': 'Too many attempts. Please try again later.',
  'login.welcome': 'Welcome back',
  'login.needLogin': 'Please log in to open that page',

  'register.title': 'Create a GuiJiTong account',
  'register.subtitle': 'Suppliers, enterprises and technology brokers can sign up here; reviewer, registrar and zone administrator roles are granted by the platform administrator.',
  'register.section.account': 'Account',
  'register.section.org': 'Organization',
  'register.submit': 'Sign up',
  'register.hasAccount': 'Already registered?',
  'register.toLogin': 'Log in',
  'register.success': 'Your account is ready. Welcome to GuiJiTong.',
  'register.emailPlaceholder': 'Used to log in and receive notifications',
  'register.passwordExtra': 'At least 8 characters, with both letters and digits',
  'register.confirmRequired': 'Please enter the password again',
  'register.confirmMismatch': 'The two passwords do not match',
  'register.namePlaceholder': 'Your real name',
  'register.roleHint.supplier': 'For universities and research institutes: publish achievements, answer demands, present at roadshows.',
  'register.roleHint.enterprise': 'For enterprises: post technology demands, find and buy or license achievements.',
  'register.roleHint.broker': 'For technology brokers and managers: match supply with demand and run negotiations.',
  'register.orgMode.new': 'Register a new organization',
  'register.orgMode.existing': 'Join an existing one',
  'register.orgNamePlaceholder': 'As on the business licence or legal-person certificate',
  'register.orgTypePlaceholder': 'Choose a type',
  'register.creditCodePlaceholder': '18 characters, e.g. 91450100MA5XXXXXXX',
  'register.regionCodePlaceholder': '6 digits; type a city name to pick one',
  'register.regionCodeExtra': 'Pick your city\'s code or enter a county code (GB/T 2260)',
  'register.zonePlaceholder': 'Leave empty if not in a zone',
  'register.zoneLoadFailed': 'Could not load zones; you can choose one later',
  'register.existingOrgPlaceholder': 'Type part of the name to search',
  'register.existingOrgRequired': 'Please choose the organization to join',
  'register.existingOrgEmpty': 'No match. Register a new organization instead.',
  'register.existingOrgHint': 'Type a keyword, then pick from the list',
  'register.existingOrgFailed': 'Search failed, please try again',

  'home.greeting': 'Hello, {name}',
  'home.intro': 'Welcome to GuiJiTong. Here is what you can do with your current roles.',
  'home.org': 'Organization',
  'home.roles': 'Roles',
  'home.email': 'Email',
  'home.noRoles': 'Your account has no business role yet. You can browse public achievements and demands; contact the administrator to get a role.',
  'home.noZone': 'Your account is not linked to a zone yet. Ask the administrator to set one.',
  'home.browse': 'Public services',
  'home.heading.supplier': 'Supplier workspace',
  'home.heading.enterprise': 'Enterprise workspace',
  'home.heading.broker': 'Broker workspace',
  'home.heading.reviewer': 'Review workspace',
  'home.heading.registrar': 'Contract registration desk',
  'home.heading.zone_admin': 'Zone workspace',
  'home.heading.admin': 'Platform administration',
  'home.desc.supplier': 'Publish achievements and answer enterprise demands.',
  'home.desc.enterprise': 'Post demands and find achievements and partners.',
  'home.desc.broker': 'Spot matches, run negotiations and close deals.',
  'home.desc.reviewer': 'Review achievements and demands before publication.',
  'home.desc.registrar': 'Register technology contracts within the deadline.',
  'home.desc.zone_admin': 'Follow your zone\'s progress and file indicators and the annual report.',
  'home.desc.admin': 'Manage users, roles and the list of zones.',

  'landing.title': 'GuiJiTong',
  'landing.subtitle': 'Guangxi Technology Transfer Service Platform',
  'landing.intro':
    'GuiJiTong serves Guangxi\'s technology-transfer demonstration zones. It connects universities, research institutes, enterprises and technology brokers, and covers the whole path from publishing achievements and collecting demands to matching and technology contract registration.',
  'landing.login': 'Log in',
  'landing.register': 'Sign up',
  'landing.browseAchievements': 'Browse achievements',
  'landing.browseDemands': 'Browse demands',
  'landing.featuresTitle': 'Services',
  'landing.audienceTitle': 'Who it serves',
  'landing.f.publish': 'Publish achievements',
  'landing.f.publishDesc': 'Universities and institutes publish achievements with maturity, IP and transfer modes; reviewed before going public.',
  'landing.f.demand': 'Collect demands',
  'landing.f.demandDesc': 'Enterprises post technical problems with target indicators and budgets to collect solutions.',
  'landing.f.match': 'Smart matching',
  'landing.f.matchDesc': 'Industry, keywords and maturity drive recommendations, each with its reasons.',
  'landing.f.roadshow': 'Online roadshows',
  'landing.f.roadshowDesc': 'Zones and suppliers present online; viewers ask questions and express interest, brokers follow up.',
  'landing.f.contract': 'Contract registration',
  'landing.f.contractDesc': 'Submit technology contracts online; registrars review them on time and issue registration numbers.',
  'landing.f.indicator': 'Zone indicators',
  'landing.f.indicatorDesc': 'Contract turnover and other indicators are computed from platform data; the rest are entered online for the annual report.',
  'landing.a.university': 'Universities and institutes',
  'landing.a.universityDesc': 'Show achievements and find industrial partners',
  'landing.a.enterprise': 'Enterprises',
  'landing.a.enterpriseDesc': 'Post demands and get technology support',
  'landing.a.broker': 'Brokers and transfer agencies',
  'landing.a.brokerDesc': 'Match supply and demand, serve the whole deal',
  'landing.a.zone': 'Zones and authorities',
  'landing.a.zoneDesc': 'Follow progress and apply support policies',

  'admin.users.title': 'Users',
  'admin.users.subtitle': 'Find users and grant reviewer, contract registrar, zone administrator or platform administrator roles.',
  'admin.users.search': 'Search by name, email or organization',
  'admin.users.total': '{n} users',
  'admin.users.empty': 'No users yet',
  'admin.users.emptySearch': 'No user matches "{q}"',
  'admin.users.col.name': 'Name',
  'admin.users.col.email': 'Email',
  'admin.users.col.org': 'Organization',
  'admin.users.col.roles': 'Roles',
  'admin.users.col.zone': 'Zone',
  'admin.users.col.createdAt': 'Registered',
  'admin.users.col.actions': 'Actions',
  'admin.users.grant': 'Grant roles',
  'admin.grant.title': 'Grant roles: {name}',
  'admin.grant.roles': 'Roles to grant',
  'admin.grant.rolesHint': 'Self-service roles (supplier, enterprise, broker) are not changed here.',
  'admin.grant.zone': 'Managed zone',
  'admin.grant.zoneRequired': 'Choose the zone this zone administrator manages',
  'admin.grant.zonePlaceholder': 'Choose a zone',
  'admin.grant.submit': 'Grant',
  'admin.grant.success': 'Roles of {name} updated',
  'admin.grant.current': 'Current roles',

  ...listingsEn,
  ...membershipEn,
  ...roadshowsEn,
  ...contractsEn,
  ...portalEn,
  ...dealsEn,
  ...administrationEn,
};

/** Role and organization-type names: Chinese comes from @common so server and client agree. */
const ROLE_NAMES_EN: Record<Role, string> = {
  supplier: 'Supplier (university / institute)',
  enterprise: 'Enterprise (demand side)',
  broker: 'Technology broker',
  reviewer: 'Reviewer',
  registrar: 'Contract registrar',
  zone_admin: 'Zone administrator',
  admin: 'Platform administrator',
};
const ORG_TYPE_NAMES_EN: Record<OrgType, string> = {
  university: 'University',
  institute: 'Research institute',
  enterprise: 'Enterprise',
  agency: 'Technology transfer agency',
  registrar: 'Contract registration body',
  government: 'Government department',
};

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'gjt.locale';

export type Vars = Record<string, string | number>;
export interface Translate {
  (key: MessageKey, vars?: Vars): string;
  locale: Locale;
  /** Display name of a role; unknown roles are shown as their code. */
  role: (role: string) => string;
  /** Display name of an organization type; unknown types are shown as their code. */
  orgType: (type: string) => string;
}

function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function makeTranslate(locale: Locale): Translate {
  const dict = DICTIONARIES[locale];
  const roleNames: Record<string, string> = locale === 'zh' ? ROLE_NAMES : ROLE_NAMES_EN;
  const orgNames: Record<string, string> = locale === 'zh' ? ORG_TYPE_NAMES : ORG_TYPE_NAMES_EN;
  const t = ((key: MessageKey, vars?: Vars) => format(dict[key], vars)) as Translate;
  t.locale = locale;
  t.role = (role) => roleNames[role] ?? role;
  t.orgType = (type) => orgNames[type] ?? type;
  return t;
}

function readStoredLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function applyLocale(locale: Locale): void {
  dayjs.locale(locale === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Holds the UI language (Chinese by default), remembered in localStorage. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = readStoredLocale();
    applyLocale(initial);
    return initial;
  });

  useEffect(() => applyLocale(locale), [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode may refuse storage; the switch still works for this visit.
    }
    setLocaleState(next);
  }, []);

  const value = useMemo(() => ({ locale, setLocale, t: makeTranslate(locale) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT must be used inside <I18nProvider>');
  return value;
}

/** The translate function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current language and its setter (for the language switch and antd's ConfigProvider). */
export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}
