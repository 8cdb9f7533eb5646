import { Alert, Avatar, Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import type { User } from '../auth';
import { useT } from '../../shared/i18n';
import { MENU, ROLE_HOMES, menuFor, menuTarget, type MenuDef } from '../../shared/navigation';
import { ActionCard } from './ActionCard';
import { MembershipStatus } from './MembershipStatus';
import { hasRole } from '../../shared/policies';

const PUBLIC_ACTIONS = ['achievements', 'demands', 'roadshows', 'zones', 'news'];

/** The workspace a logged-in user lands on: who they are, then one section of quick actions per role. */
export function RoleHome({ user }: { user: User }) {
  const t = useT();
  const homes = ROLE_HOMES.filter((home) => hasRole(user, home.role));
  const byKey = new Map(MENU.map((item) => [item.key, item]));
  const resolve = (keys: readonly string[]) =>
    keys.flatMap((key) => {
      const item = byKey.get(key);
      const to = item ? menuTarget(item, user) : null;
      return item && to ? [{ item, to }] : [];
    });
  const publicActions = menuFor(user).filter(({ item }) => PUBLIC_ACTIONS.includes(item.key));

  const cards = (entries: { item: MenuDef; to: string }[]) => (
    <Row gutter={[16, 16]}>
      {entries.map(({ item, to }) => (
        <Col key={item.key} xs={24} sm={12} xl={6}>
          <ActionCard to={to} icon={item.icon} title={t(item.labelKey)} description={t(item.descKey)} />
        </Col>
      ))}
    </Row>
  );

  return (
    <Flex vertical gap={24}>
      <Card>
        <Flex gap={16} align="center" wrap>
          <Avatar size={56} icon={<UserOutlined aria-hidden />} style={{ backgroundColor: '#1668dc' }} />
          <div style={{ flex: 1, minWidth: 240 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('home.greeting', { name: user.name })}
            </Typography.Title>
            <Typography.Text type="secondary">{t('home.intro')}</Typography.Text>
          </div>
        </Flex>
        <Descriptions column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }} size="small">
          <Descriptions.Item label={t('home.org')}>
            {user.organization ? (
              <>
                {user.organization.name}
                <Tag style={{ marginInlineStart: 8 }}>{t.orgType(user.organization.type)}</Tag>
              </>
            ) : (
              t('member.headerPending')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>
            <Flex gap={4} wrap>
              {user.roles.map((role) => (
                <Tag key={role} color="blue">
                  {t.role(role)}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.email')}>{user.email}</Descriptions.Item>
        </Descriptions>
      </Card>

      {!user.organizationId && <MembershipStatus user={user} />}
      {homes.length === 0 && user.organizationId && <Alert type="info" showIcon title={t('home.noRoles')} />}

      {homes.map((home) => {
        const actions = resolve(home.actions);
        return (
          <section key={home.role} aria-labelledby={`home-${home.role}`}>
            <Typography.Title level={4} id={`home-${home.role}`} style={{ marginBottom: 4 }}>
              {t(home.headingKey)}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t(home.descKey)}</Typography.Paragraph>
            {home.role === 'zone_admin' && !user.zoneId && (
              <Alert type="warning" showIcon title={t('home.noZone')} style={{ marginBottom: 16 }} />
            )}
            {cards(actions)}
          </section>
        );
      })}

      <section aria-labelledby="home-public">
        <Typography.Title level={4} id="home-public">
          {t('home.browse')}
        </Typography.Title>
        {cards(publicActions)}
      </section>
    </Flex>
  );
}
