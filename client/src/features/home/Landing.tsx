import { Card, Col, Flex, Row, Typography } from 'antd';
import {
  ApartmentOutlined,
  BankOutlined,
  BarChartOutlined,
  BulbOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  NodeIndexOutlined,
  ShopOutlined,
  TeamOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { useT, type MessageKey } from '../../shared/i18n';
import { LinkButton } from '../../shared/components/LinkButton';
import type { ApiData } from '../../shared/useApiData';
import { PortalSearch } from '../portal';
import { PortalSections } from '../portal';
import type { PortalOverview } from '../portal';
import { ActionCard } from './ActionCard';
import type { IconComponent } from '../../shared/navigation';

const FEATURES: { icon: IconComponent; title: MessageKey; desc: MessageKey; to: string }[] = [
  { icon: ExperimentOutlined, title: 'landing.f.publish', desc: 'landing.f.publishDesc', to: '/my/achievements/new' },
  { icon: BulbOutlined, title: 'landing.f.demand', desc: 'landing.f.demandDesc', to: '/my/demands/new' },
  { icon: NodeIndexOutlined, title: 'landing.f.match', desc: 'landing.f.matchDesc', to: '/broker/opportunities' },
  { icon: VideoCameraOutlined, title: 'landing.f.roadshow', desc: 'landing.f.roadshowDesc', to: '/roadshows' },
  { icon: FileProtectOutlined, title: 'landing.f.contract', desc: 'landing.f.contractDesc', to: '/contracts' },
  { icon: BarChartOutlined, title: 'landing.f.indicator', desc: 'landing.f.indicatorDesc', to: '/zones' },
];

const AUDIENCES: { icon: IconComponent; title: MessageKey; desc: MessageKey }[] = [
  { icon: BankOutlined, title: 'landing.a.university', desc: 'landing.a.universityDesc' },
  { icon: ShopOutlined, title: 'landing.a.enterprise', desc: 'landing.a.enterpriseDesc' },
  { icon: TeamOutlined, title: 'landing.a.broker', desc: 'landing.a.brokerDesc' },
  { icon: ApartmentOutlined, title: 'landing.a.zone', desc: 'landing.a.zoneDesc' },
];

/** The public front page: a search box over the catalogues, live figures, news and services. */
export function Landing({ portal }: { portal: ApiData<PortalOverview> }) {
  const t = useT();
  return (
    <Flex vertical gap={24}>
      <section className="gjt-hero">
        <Typography.Title level={1} style={{ color: '#fff', margin: 0 }}>
          {t('landing.title')}
        </Typography.Title>
        <Typography.Title level={3} style={{ color: 'rgba(255,255,255,0.9)', marginTop: 8 }}>
          {t('landing.subtitle')}
        </Typography.Title>
        <Typography.Paragraph className="gjt-hero-intro">{t('landing.intro')}</Typography.Paragraph>
        <PortalSearch />
        <Flex gap={12} wrap style={{ marginTop: 16 }}>
          <LinkButton to="/login" size="large">
            {t('landing.login')}
          </LinkButton>
          <LinkButton to="/register" size="large" ghost>
            {t('landing.register')}
          </LinkButton>
        </Flex>
      </section>

      <PortalSections data={portal.data} error={portal.error} reload={portal.reload} />
      <Services />

      <section aria-labelledby="landing-audience">
        <Typography.Title level={3} id="landing-audience">
          {t('landing.audienceTitle')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {AUDIENCES.map(({ icon: Icon, title, desc }) => (
            <Col key={title} xs={12} xl={6}>
              <Card style={{ height: '100%', textAlign: 'center' }}>
                <div style={{ fontSize: 32, color: '#1668dc' }}>
                  <Icon aria-hidden />
                </div>
                <Typography.Text strong>{t(title)}</Typography.Text>
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                  {t(desc)}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
      </section>
    </Flex>
  );
}

/** The platform's services, each card opening its page (pages that need an account ask for a login first). */
export function Services() {
  const t = useT();
  return (
    <section aria-labelledby="landing-features">
      <Typography.Title level={3} id="landing-features">
        {t('landing.featuresTitle')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {FEATURES.map(({ icon, title, desc, to }) => (
          <Col key={title} xs={24} md={12} xl={8}>
            <ActionCard to={to} icon={icon} title={t(title)} description={t(desc)} />
          </Col>
        ))}
      </Row>
    </section>
  );
}
