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
import type { IconComponent } from '../../shared/navigation';

const FEATURES: { icon: IconComponent; title: MessageKey; desc: MessageKey }[] = [
  { icon: ExperimentOutlined, title: 'landing.f.publish', desc: 'landing.f.publishDesc' },
  { icon: BulbOutlined, title: 'landing.f.demand', desc: 'landing.f.demandDesc' },
  { icon: NodeIndexOutlined, title: 'landing.f.match', desc: 'landing.f.matchDesc' },
  { icon: VideoCameraOutlined, title: 'landing.f.roadshow', desc: 'landing.f.roadshowDesc' },
  { icon: FileProtectOutlined, title: 'landing.f.contract', desc: 'landing.f.contractDesc' },
  { icon: BarChartOutlined, title: 'landing.f.indicator', desc: 'landing.f.indicatorDesc' },
];

const AUDIENCES: { icon: IconComponent; title: MessageKey; desc: MessageKey }[] = [
  { icon: BankOutlined, title: 'landing.a.university', desc: 'landing.a.universityDesc' },
  { icon: ShopOutlined, title: 'landing.a.enterprise', desc: 'landing.a.enterpriseDesc' },
  { icon: TeamOutlined, title: 'landing.a.broker', desc: 'landing.a.brokerDesc' },
  { icon: ApartmentOutlined, title: 'landing.a.zone', desc: 'landing.a.zoneDesc' },
];

/** The public front page: what the platform does and for whom, with login and registration. */
export function Landing() {
  const t = useT();
  return (
    <Flex vertical gap={32}>
      <section className="gjt-hero">
        <Typography.Title level={1} style={{ color: '#fff', margin: 0 }}>
          {t('landing.title')}
        </Typography.Title>
        <Typography.Title level={3} style={{ color: 'rgba(255,255,255,0.9)', marginTop: 8 }}>
          {t('landing.subtitle')}
        </Typography.Title>
        <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', fontSize: 16, maxWidth: 760 }}>
          {t('landing.intro')}
        </Typography.Paragraph>
        <Flex gap={12} wrap>
          <LinkButton to="/login" size="large">
            {t('landing.login')}
          </LinkButton>
          <LinkButton to="/register" size="large" ghost>
            {t('landing.register')}
          </LinkButton>
          <LinkButton to="/achievements" size="large" type="link" className="gjt-hero-link">
            {t('landing.browseAchievements')}
          </LinkButton>
          <LinkButton to="/demands" size="large" type="link" className="gjt-hero-link">
            {t('landing.browseDemands')}
          </LinkButton>
        </Flex>
      </section>

      <section aria-labelledby="landing-features">
        <Typography.Title level={3} id="landing-features">
          {t('landing.featuresTitle')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {FEATURES.map(({ icon: Icon, title, desc }) => (
            <Col key={title} xs={24} md={12} xl={8}>
              <Card style={{ height: '100%' }}>
                <Flex gap={12} align="flex-start">
                  <span style={{ fontSize: 28, color: '#1668dc', lineHeight: 1 }}>
                    <Icon aria-hidden />
                  </span>
                  <div>
                    <Typography.Title level={5} style={{ marginTop: 0 }}>
                      {t(title)}
                    </Typography.Title>
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                      {t(desc)}
                    </Typography.Paragraph>
                  </div>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      </section>

      <section aria-labelledby="landing-audience">
        <Typography.Title level={3} id="landing-audience">
          {t('landing.audienceTitle')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {AUDIENCES.map(({ icon: Icon, title, desc }) => (
            <Col key={title} xs={24} sm={12} xl={6}>
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
