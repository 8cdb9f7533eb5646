import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, Empty, Flex, Form, Input, List, Modal, Row, Space, Tabs, Tag, Typography } from 'antd';
import { EyeOutlined, LikeOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { RoadshowAck } from '@common/realtime.js';
import { useAuth } from '../auth';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { LinkButton } from '../../shared/components/LinkButton';
import { LoadError, PageLoading } from '../../shared/components/StatusPages';
import type { PageProps } from '../../shared/navigation';
import { AchievementCardView, HlsPlayer, RoadshowStatusTag } from './components';
import { formatTime } from './format';
import type { Roadshow } from './types';
import { useRoadshowRoom } from './useRoadshowRoom';

export function LiveRoomPage(_props: PageProps) {
  return <Room console={false} />;
}
export function ConsolePage(_props: PageProps) {
  return <Room console />;
}

/** The live room (`/roadshows/:id/live`) and the organizer console (`/roadshows/:id/console`) share one socket room. */
function Room({ console }: { console: boolean }) {
  const { id = '' } = useParams();
  const t = useT();
  const { message, modal } = App.useApp();
  const { user } = useAuth();
  const detail = useApiData<Roadshow>(`/api/roadshows/${encodeURIComponent(id)}`);
  const room = useRoadshowRoom(id, (s) => {
    if (detail.data && s.status !== detail.data.status) detail.reload();
  });
  const [question, setQuestion] = useState('');
  const [chatText, setChatText] = useState('');
  const [intentOpen, setIntentOpen] = useState(false);

  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  const r = detail.data;
  if (!r) return <PageLoading />;
  if (room.joinError)
    return (
      <Alert
        type="warning"
        showIcon
        message={room.joinError.message}
        action={<LinkButton to={`/roadshows/${id}`}>{t('roadshow.backToDetail')}</LinkButton>}
      />
    );

  const status = room.state?.status ?? r.status;
  const current = room.state?.currentItem ?? r.currentItem;
  const item = r.agenda[current];
  const isHost = room.role.host;
  const moderator = room.role.moderator;
  const report = (ack: RoadshowAck<object>, done?: string) => {
    if (ack.ok) {
      if (done) void message.success(done);
      return true;
    }
    void message.error(ack.error.message || t('roadshow.offline'));
    return false;
  };

  const ask = async () => {
    if (report(await room.emit('question:ask', { roadshowId: id, text: question }))) setQuestion('');
  };
  const send = async () => {
    if (report(await room.emit('chat:send', { roadshowId: id, text: chatText }))) setChatText('');
  };
  const end = () =>
    modal.confirm({
      title: t('roadshow.confirmEnd'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api(`/api/roadshows/${encodeURIComponent(id)}/end`, { method: 'POST' });
          detail.reload();
        } catch (error) {
          void message.error(describeError(error, t));
        }
      },
    });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <Link to={`/roadshows/${id}`}>{r.title}</Link> <RoadshowStatusTag status={status} />
          {console && <Tag color="purple">{t('roadshow.console')}</Tag>}
        </Typography.Title>
        <Space>
          <Badge status={room.connected ? 'success' : 'default'} text={room.connected ? t('roadshow.connected') : t('roadshow.connecting')} />
          <Tag icon={<EyeOutlined />} data-testid="viewer-count">
            {t('roadshow.viewers', { n: room.state?.viewers ?? 0 })}
          </Tag>
          {isHost && status === 'live' && (
            <Button danger onClick={end} data-testid="end">
              {t('roadshow.end')}
            </Button>
          )}
          {isHost && !console && <LinkButton to={`/roadshows/${id}/console`}>{t('roadshow.console')}</LinkButton>}
        </Space>
      </Flex>
      {status === 'scheduled' && <Alert type="info" showIcon message={t('roadshow.notStarted', { time: formatTime(r.startsAt) })} />}
      {status === 'ended' && <Alert type="success" showIcon message={t('roadshow.hasEnded')} action={<LinkButton to={`/roadshows/${id}`}>{t('roadshow.replay')}</LinkButton>} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={12}>
            {r.streamUrl && status === 'live' && <HlsPlayer src={r.streamUrl} live />}
            {!r.streamUrl && <Alert type="info" message={t('roadshow.slidesOnly')} />}
            {item?.achievement && <AchievementCardView card={item.achievement} index={current} />}
            {!isHost && status === 'live' && item?.achievement && user?.organizationId !== item.achievement.ownerOrgId && (
              <Button type="primary" size="large" onClick={() => setIntentOpen(true)} data-testid="express-intent">
                {t('roadshow.intent.button')}
              </Button>
            )}
            <Card size="small" title={t('roadshow.agenda')}>
              <List
                dataSource={r.agenda}
                renderItem={(a) => (
                  <List.Item
                    style={a.position === current ? { background: 'rgba(22,119,255,0.08)', paddingInline: 8 } : { paddingInline: 8 }}
                    actions={
                      isHost && status === 'live' && a.position !== current
                        ? [
                            <Button key="p" size="small" data-testid={`present-${a.position}`} onClick={async () => report(await room.emit('roadshow:present', { roadshowId: id, itemIndex: a.position }))}>
                              {t('roadshow.presentThis')}
                            </Button>,
                          ]
                        : a.position === current
                          ? [<Tag key="c" color="red">{t('roadshow.nowPresenting')}</Tag>]
                          : []
                    }
                  >
                    {a.position + 1}. {a.achievement?.title ?? ''} {a.minutes ? <Typography.Text type="secondary">（{t('roadshow.minutes', { n: a.minutes })}）</Typography.Text> : null}
                  </List.Item>
                )}
              />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small">
            <Tabs
              items={[
                {
                  key: 'qa',
                  label: t('roadshow.qa', { n: room.questions.length }),
                  children: (
                    <Flex vertical gap={8}>
                      {status === 'live' && (
                        <Space.Compact style={{ width: '100%' }}>
                          <Input value={question} maxLength={500} placeholder={t('roadshow.askPlaceholder')} aria-label={t('roadshow.askPlaceholder')} onChange={(e) => setQuestion(e.target.value)} onPressEnter={() => void ask()} />
                          <Button type="primary" onClick={() => void ask()} data-testid="ask">
                            {t('roadshow.ask')}
                          </Button>
                        </Space.Compact>
                      )}
                      <List
                        size="small"
                        dataSource={room.questions.filter((q) => moderator || q.status !== 'hidden')}
                        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roadshow.noQuestions')} /> }}
                        renderItem={(q) => (
                          <List.Item
                            data-testid="question"
                            actions={[
                              <Button key="v" size="small" icon={<LikeOutlined />} onClick={async () => report(await room.emit('question:upvote', { questionId: q.id }))}>
                                {q.votes}
                              </Button>,
                              ...(moderator && q.status === 'open'
                                ? [
                                    <Button key="a" size="small" type="link" data-testid="answer" onClick={async () => report(await room.emit('question:answer', { questionId: q.id }))}>
                                      {t('roadshow.markAnswered')}
                                    </Button>,
                                    <Button key="h" size="small" type="link" danger onClick={async () => report(await room.emit('question:hide', { questionId: q.id }))}>
                                      {t('roadshow.hide')}
                                    </Button>,
                                  ]
                                : []),
                            ]}
                          >
                            <List.Item.Meta
                              title={
                                <span>
                                  {q.text} {q.status === 'answered' && <Tag color="green">{t('roadshow.answeredTag')}</Tag>}
                                  {q.status === 'hidden' && <Tag>{t('roadshow.hiddenTag')}</Tag>}
                                </span>
                              }
                              description={q.authorName}
                            />
                          </List.Item>
                        )}
                      />
                    </Flex>
                  ),
                },
                {
                  key: 'chat',
                  label: t('roadshow.chat'),
                  children: (
                    <Flex vertical gap={8}>
                      <div style={{ maxHeight: 360, overflowY: 'auto' }} aria-live="polite">
                        {room.chat.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roadshow.noChat')} />}
                        {room.chat.map((m) => (
                          <div key={m.id} data-testid="chat-line" style={{ padding: '2px 0' }}>
                            <Typography.Text strong>{m.authorName}</Typography.Text>：{m.text}
                            {moderator && m.userId !== user?.id && !room.mutedUsers.has(m.userId) && (
                              <Button size="small" type="link" danger onClick={async () => report(await room.emit('chat:mute', { roadshowId: id, userId: m.userId }), t('roadshow.mutedDone'))}>
                                {t('roadshow.mute')}
                              </Button>
                            )}
                          </div>
                        ))}
                      </div>
                      {status === 'live' && (
                        <Space.Compact style={{ width: '100%' }}>
                          <Input value={chatText} maxLength={300} placeholder={t('roadshow.chatPlaceholder')} aria-label={t('roadshow.chatPlaceholder')} onChange={(e) => setChatText(e.target.value)} onPressEnter={() => void send()} />
                          <Button onClick={() => void send()}>{t('roadshow.send')}</Button>
                        </Space.Compact>
                      )}
                    </Flex>
                  ),
                },
                ...(console || isHost
                  ? [
                      {
                        key: 'intents',
                        label: t('roadshow.liveIntents', { n: room.intents.length }),
                        children: (
                          <Flex vertical gap={8}>
                            <List
                              size="small"
                              dataSource={room.intents}
                              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roadshow.noIntents')} /> }}
                              renderItem={(i) => (
                                <List.Item data-testid="live-intent">
                                  <List.Item.Meta title={`${i.organizationName}（${i.userName}）→ ${i.achievementTitle}`} description={i.note ?? formatTime(i.createdAt)} />
                                </List.Item>
                              )}
                            />
                            <Link to={`/roadshows/${id}/leads`}>{t('roadshow.allLeads')}</Link>
                          </Flex>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
      </Row>
      <IntentModal open={intentOpen} onClose={() => setIntentOpen(false)} title={item?.achievement?.title ?? ''} submit={async (note) => {
        const ack = await room.emit('intent:express', { roadshowId: id, achievementId: item!.achievementId, note: note || null });
        if (report(ack, t('roadshow.intent.done'))) setIntentOpen(false);
      }} />
    </Flex>
  );
}

function IntentModal({ open, onClose, title, submit }: { open: boolean; onClose: () => void; title: string; submit: (note: string) => Promise<void> }) {
  const t = useT();
  return (
    <Modal open={open} title={t('roadshow.intent.title', { title })} footer={null} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('roadshow.intent.explain')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={(v: { note?: string }) => void submit(v.note ?? '')}>
        <Form.Item name="note" label={t('roadshow.intent.note')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="intent-submit">
          {t('roadshow.intent.submit')}
        </Button>
      </Form>
    </Modal>
  );
}
