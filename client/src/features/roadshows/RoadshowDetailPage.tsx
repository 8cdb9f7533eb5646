import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, List, Modal, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { CalendarOutlined, EditOutlined, PlayCircleOutlined, SettingOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { RoadshowQuestion } from '@common/realtime.js';
import { useAuth } from '../auth';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { LinkButton } from '../../shared/components/LinkButton';
import { LoadError, PageLoading } from '../../shared/components/StatusPages';
import type { PageProps } from '../../shared/navigation';
import { AchievementCardView, HlsPlayer, RoadshowStatusTag } from './components';
import { formatRange, formatTime } from './format';
import type { Application, PageOf, Roadshow, RoadshowStats } from './types';
import { hasRole } from '../../shared/policies';

/** `/roadshows/:id`: agenda, 报名, calendar file, the host's actions, 申请路演; after the end the replay and statistics. */
export default function RoadshowDetailPage(_props: PageProps) {
  const { id = '' } = useParams();
  const t = useT();
  const { message, modal } = App.useApp();
  const { user } = useAuth();
  const detail = useApiData<Roadshow>(`/api/roadshows/${encodeURIComponent(id)}`);
  const r = detail.data;
  const host = !!r?.me?.host;
  const stats = useApiData<RoadshowStats>(r && host && r.status !== 'draft' ? `/api/roadshows/${encodeURIComponent(id)}/stats` : null);
  const questions = useApiData<{ items: RoadshowQuestion[] }>(r?.status === 'ended' ? `/api/roadshows/${encodeURIComponent(id)}/questions` : null);
  const [busy, setBusy] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [applyOpen, setApplyOpen] = useState(false);

  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!r) return <PageLoading />;

  const act = async (path: string, body?: unknown, done?: string) => {
    setBusy(true);
    try {
      await api(`/api/roadshows/${encodeURIComponent(id)}${path}`, { method: path.endsWith('/me') ? 'DELETE' : 'POST', body });
      if (done) void message.success(done);
      detail.reload();
      stats.reload();
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  const confirm = (title: string, path: string, done: string) => modal.confirm({ title, okText: t('common.ok'), cancelText: t('common.cancel'), onOk: () => act(path, undefined, done) });

  const planning = r.status === 'draft' || r.status === 'scheduled';
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {r.title} <RoadshowStatusTag status={r.status} />
          </Typography.Title>
          <Typography.Text type="secondary">
            {formatRange(r.startsAt, r.endsAt)} · {r.zoneName} {r.organizerName ? `· ${t('roadshow.organizer')}：${r.organizerName}` : ''}
          </Typography.Text>
        </div>
        <Space wrap>
          {r.status === 'live' && user && (
            <LinkButton to={`/roadshows/${id}/live`} type="primary" danger icon={<PlayCircleOutlined />} data-testid="enter-live">
              {t('roadshow.enterLive')}
            </LinkButton>
          )}
          {r.status === 'live' && !user && <LinkButton to={`/login?next=${encodeURIComponent(`/roadshows/${id}/live`)}`}>{t('roadshow.loginToWatch')}</LinkButton>}
          {(r.status === 'scheduled' || r.status === 'live') && user && !host && (
            r.me?.registered ? (
              <Button disabled={busy} onClick={() => void act('/registrations/me', undefined, t('roadshow.unregistered'))}>
                {t('roadshow.unregister')}
              </Button>
            ) : (
              <Button type="primary" disabled={busy} data-testid="register" onClick={() => void act('/registrations', undefined, t('roadshow.registered'))}>
                {t('roadshow.register')}
              </Button>
            )
          )}
          {r.me?.registered && <Tag color="green" data-testid="registered-tag">{t('roadshow.youRegistered')}</Tag>}
          {r.status === 'scheduled' && !user && <LinkButton to={`/login?next=${encodeURIComponent(`/roadshows/${id}`)}`}>{t('roadshow.loginToRegister')}</LinkButton>}
          {r.status !== 'draft' && r.status !== 'cancelled' && (
            <Button icon={<CalendarOutlined />} href={`/api/roadshows/${encodeURIComponent(id)}/calendar.ics`}>
              {t('roadshow.ics')}
            </Button>
          )}
          {hasRole(user, 'supplier') && planning && !host && <Button onClick={() => setApplyOpen(true)}>{t('roadshow.apply')}</Button>}
          {host && r.status === 'draft' && (
            <Button type="primary" disabled={busy} data-testid="publish" onClick={() => confirm(t('roadshow.confirmPublish'), '/publish', t('roadshow.published'))}>
              {t('roadshow.publish')}
            </Button>
          )}
          {host && r.status === 'scheduled' && (
            <Button type="primary" danger disabled={busy} data-testid="start" onClick={() => confirm(t('roadshow.confirmStart'), '/start', t('roadshow.started'))}>
              {t('roadshow.start')}
            </Button>
          )}
          {host && (r.status === 'live' || r.status === 'scheduled') && (
            <LinkButton to={`/roadshows/${id}/console`} icon={<SettingOutlined />} data-testid="console">
              {t('roadshow.console')}
            </LinkButton>
          )}
          {host && r.status !== 'cancelled' && (
            <LinkButton to={`/roadshows/${id}/edit`} icon={<EditOutlined />} data-testid="edit-roadshow">
              {t('roadshow.edit')}
            </LinkButton>
          )}
          {host && planning && (
            <Button danger disabled={busy} onClick={() => setCancelOpen(true)}>
              {t('roadshow.cancel')}
            </Button>
          )}
        </Space>
      </Flex>

      {r.coverFileId && (
        <img
          src={`/api/files/${encodeURIComponent(r.coverFileId)}`}
          alt={t('roadshow.coverAlt')}
          data-testid="roadshow-cover"
          style={{ width: '100%', aspectRatio: '16 / 9', maxHeight: 320, objectFit: 'cover', borderRadius: 8, display: 'block' }}
        />
      )}
      {r.status === 'cancelled' && <Card size="small">{t('roadshow.cancelledNotice', { reason: r.cancelReason ?? '' })}</Card>}
      {r.status === 'ended' && (
        <Card title={t('roadshow.replay')} size="small">
          {r.recordingUrl ? (
            /\.m3u8(\?|$)/.test(r.recordingUrl) ? <HlsPlayer src={r.recordingUrl} live={false} /> : <a href={r.recordingUrl} target="_blank" rel="noreferrer">{t('roadshow.openRecording')}</a>
          ) : (
            <Typography.Text type="secondary">{t('roadshow.noRecording')}</Typography.Text>
          )}
        </Card>
      )}
      {host && stats.data && (
        <Card title={t('roadshow.stats.title')} size="small" data-testid="roadshow-stats">
          <Row gutter={[16, 16]}>
            {(['registrations', 'uniqueViewers', 'peakViewers', 'questions', 'intents', 'deals', 'contracts'] as const).map((k) => (
              <Col key={k} xs={12} md={6} lg={3}>
                <Statistic title={t(`roadshow.stats.${k}`)} value={stats.data![k]} />
              </Col>
            ))}
            <Col xs={12} md={6} lg={3}>
              <Statistic title={t('roadshow.stats.contractAmount')} value={stats.data.contractAmount} suffix={t.locale === 'zh' ? '元' : 'CNY'} />
            </Col>
          </Row>
        </Card>
      )}

      <Card size="small" title={t('roadshow.about')}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('roadshow.time')}>{formatRange(r.startsAt, r.endsAt)}</Descriptions.Item>
          <Descriptions.Item label={t('roadshow.zone')}>{r.zoneName}</Descriptions.Item>
          <Descriptions.Item label={t('roadshow.capacity')}>{r.capacity ?? t('roadshow.unlimited')}</Descriptions.Item>
          <Descriptions.Item label={t('roadshow.registrationsLabel')}>{r.registrations}</Descriptions.Item>
          <Descriptions.Item label={t('roadshow.mode')}>{r.streamUrl ? t('roadshow.mode.video') : t('roadshow.mode.slides')}</Descriptions.Item>
          <Descriptions.Item label={t('roadshow.registrationLabel')}>{r.registrationRequired ? t('roadshow.registrationRequired') : t('roadshow.registrationOpen')}</Descriptions.Item>
        </Descriptions>
        {r.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{r.description}</Typography.Paragraph>}
      </Card>

      <Card size="small" title={t('roadshow.agenda')}>
        <Flex vertical gap={12}>
          {r.agenda.map((item) =>
            item.achievement ? (
              <div key={item.position}>
                <Typography.Text type="secondary">
                  {item.minutes ? t('roadshow.minutes', { n: item.minutes }) : ''} {item.presenterName ? `· ${t('roadshow.presenter')}：${item.presenterName}` : ''}
                </Typography.Text>
                <AchievementCardView card={item.achievement} index={item.position} />
              </div>
            ) : null,
          )}
        </Flex>
      </Card>

      {r.status === 'ended' && (
        <Card size="small" title={t('roadshow.answered')}>
          <List
            dataSource={questions.data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roadshow.noAnswered')} /> }}
            renderItem={(q) => (
              <List.Item extra={<Tag>{t('roadshow.votes', { n: q.votes })}</Tag>}>
                <List.Item.Meta title={q.text} description={`${q.authorName} · ${formatTime(q.createdAt)}`} />
              </List.Item>
            )}
          />
        </Card>
      )}
      {host && planning && <ApplicationsCard roadshowId={id} onChange={detail.reload} />}

      <Modal open={cancelOpen} title={t('roadshow.cancel')} footer={null} onCancel={() => setCancelOpen(false)} destroyOnHidden>
        <Form layout="vertical" onFinish={(v: { reason: string }) => void act('/cancel', v, t('roadshow.cancelledDone')).then(() => setCancelOpen(false))}>
          <Form.Item name="reason" label={t('roadshow.cancelReason')} rules={[{ required: true, min: 2, message: t('roadshow.cancelReasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          <Button type="primary" danger htmlType="submit" loading={busy}>
            {t('roadshow.cancelConfirm')}
          </Button>
        </Form>
      </Modal>
      <ApplyModal open={applyOpen} roadshowId={id} onClose={() => setApplyOpen(false)} />
    </Flex>
  );
}

function ApplyModal({ open, roadshowId, onClose }: { open: boolean; roadshowId: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const mine = useApiData<PageOf<{ id: string; title: string; status: string }>>(open ? '/api/achievements' : null, { mine: 'true', pageSize: 100 });
  const submit = async (v: { achievementId: string; note?: string }) => {
    try {
      await api(`/api/roadshows/${encodeURIComponent(roadshowId)}/applications`, { method: 'POST', body: v });
      void message.success(t('roadshow.applied'));
      onClose();
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };
  return (
    <Modal open={open} title={t('roadshow.apply')} footer={null} onCancel={onClose} destroyOnHidden>
      <Form layout="vertical" onFinish={(v: { achievementId: string; note?: string }) => void submit(v)}>
        <Form.Item name="achievementId" label={t('roadshow.applyAchievement')} rules={[{ required: true, message: t('roadshow.applyAchievementRequired') }]}>
          <Select loading={mine.loading} options={(mine.data?.items ?? []).filter((a) => a.status === 'published').map((a) => ({ value: a.id, label: a.title }))} />
        </Form.Item>
        <Form.Item name="note" label={t('roadshow.applyNote')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('roadshow.applySubmit')}
        </Button>
      </Form>
    </Modal>
  );
}

function ApplicationsCard({ roadshowId, onChange }: { roadshowId: string; onChange: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const apps = useApiData<{ items: Application[] }>(`/api/roadshows/${encodeURIComponent(roadshowId)}/applications`);
  const decide = async (a: Application, decision: 'accept' | 'decline') => {
    try {
      await api(`/api/roadshows/${encodeURIComponent(roadshowId)}/applications/${encodeURIComponent(a.id)}/decision`, { method: 'POST', body: { decision } });
      apps.reload();
      onChange();
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };
  return (
    <Card size="small" title={t('roadshow.applications')}>
      <List
        loading={apps.loading}
        dataSource={apps.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roadshow.noApplications')} /> }}
        renderItem={(a) => (
          <List.Item
            actions={
              a.status === 'pending'
                ? [
                    <Button key="a" size="small" type="primary" onClick={() => void decide(a, 'accept')}>
                      {t('roadshow.accept')}
                    </Button>,
                    <Button key="d" size="small" onClick={() => void decide(a, 'decline')}>
                      {t('roadshow.decline')}
                    </Button>,
                  ]
                : [<Tag key="s">{t(`roadshow.application.${a.status}`)}</Tag>]
            }
          >
            <List.Item.Meta title={<Link to={`/achievements/${encodeURIComponent(a.achievementId)}`}>{a.achievementTitle}</Link>} description={`${a.organizationName ?? ''} ${a.note ? `· ${a.note}` : ''}`} />
          </List.Item>
        )}
      />
    </Card>
  );
}
