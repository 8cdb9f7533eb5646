import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Modal, Rate, Result, Select, Steps, Tabs, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { LOST_REASONS, RATING_TAGS, type DealStage } from '@common/schemas/deals.js';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useLiveRefresh } from '../../shared/liveNotifications';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { LinkButton } from '../../shared/components/LinkButton';
import { PageLoading } from '../../shared/components/StatusPages';
import type { PageProps } from '../../shared/navigation';
import { isStatus } from '../listings';
import { Chat } from './Chat';
import { ContractDraftModal } from './ContractDraftModal';
import { STAGE_COLORS, lostName, originName, sideName, stageName } from './format';
import { OfferModal } from './OfferModal';
import type { DealDetail } from './types';
import { useNegotiation } from './useNegotiation';
import { formatDateTime, formatMoney } from '../../shared/format';

const FLOW: DealStage[] = ['lead', 'contacted', 'negotiating', 'agreed', 'contracted', 'closed'];

function RateForm({ deal, onDone }: { deal: DealDetail; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const mine = deal.participants.find((p) => p.side === deal.mySide);
  const others = deal.participants.filter((p) => p.side !== deal.mySide && p.accepted);
  const [form] = Form.useForm<{ organizationId: string; score: number; tags: string[]; comment?: string }>();
  const todo = others.filter((o) => !deal.ratings.some((r) => r.raterOrgId === mine?.organizationId && r.ratedOrgId === o.organizationId));
  if (!todo.length) return <Typography.Text type="secondary">{t('rating.done')}</Typography.Text>;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ organizationId: todo[0]!.organizationId, score: 5, tags: [] }}
      onFinish={async (v) => {
        try {
          await api(`/api/deals/${deal.id}/ratings`, { method: 'POST', body: v });
          onDone();
        } catch (caught) {
          message.error(describeError(caught, t));
        }
      }}
    >
      <Form.Item name="organizationId" label={t('rating.title', { name: '' })}>
        <Select options={todo.map((o) => ({ value: o.organizationId, label: `${sideName(t, o.side)} · ${o.organizationName}` }))} />
      </Form.Item>
      <Form.Item name="score" label={t('rating.score')}>
        <Rate />
      </Form.Item>
      <Form.Item name="tags" label={t('rating.tags')}>
        <Select mode="multiple" options={RATING_TAGS.map((tag) => ({ value: tag, label: tag }))} />
      </Form.Item>
      <Form.Item name="comment" label={t('rating.comment')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('rating.submit')}
      </Button>
    </Form>
  );
}

/** `/deals/:id`: stage, participants, linked listings, the negotiation room with offer cards, the contract step, timeline and ratings. */
export default function DealDetailPage(_props: PageProps) {
  const t = useT();
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const { data: deal, error, reload } = useApiData<DealDetail>(`/api/deals/${encodeURIComponent(id)}`);
  const room = useNegotiation(id, reload);
  useLiveRefresh(reload);
  const [offerOpen, setOfferOpen] = useState<null | { purpose: 'price' | 'commission'; counter: boolean }>(null);
  const [draftOpen, setDraftOpen] = useState(false);
  const [lostOpen, setLostOpen] = useState(false);
  const [brokerOpen, setBrokerOpen] = useState(false);
  const [lostForm] = Form.useForm<{ lostReason: string; lostNote?: string }>();
  const [brokerForm] = Form.useForm<{ brokerId: string }>();
  const brokers = useApiData<{ items: { id: string; name: string; organization: { name: string } }[] }>(brokerOpen ? '/api/brokers' : null, { pageSize: 100 });

  if (error) {
    if (isStatus(error, 404)) return <Result status="404" title={t('deal.notFound')} extra={<LinkButton type="primary" to="/deals">{t('deal.backToList')}</LinkButton>} />;
    return <ErrorAlert error={error} onRetry={reload} />;
  }
  if (!deal) return <PageLoading />;

  const call = async (path: string, body?: unknown, method: 'POST' | 'PATCH' = 'POST') => {
    try {
      await api(`/api/deals/${deal.id}${path}`, { method, body: body ?? (method === 'POST' ? {} : undefined) });
      reload();
      return true;
    } catch (caught) {
      message.error(describeError(caught, t));
      return false;
    }
  };
  const accepted = deal.myStatus === 'accepted';
  const open = !['closed', 'lost'].includes(deal.stage);
  const live = deal.offers.filter((o) => o.status === 'live');
  const livePrice = live.find((o) => o.purpose === 'price');
  const hasBroker = deal.participants.some((p) => p.side === 'broker' && p.status === 'accepted');
  const latest = room.messages.at(-1)?.seq ?? 0;
  if (latest > deal.lastReadSeq && document.visibilityState === 'visible') room.markRead(latest);

  const act = (kind: 'accept' | 'reject' | 'withdraw', offerId: string) => room.send({ kind, offerId });
  const canWrite = accepted && open && deal.stage !== 'lead';
  const notice = !open ? t('chat.readOnly') : deal.stage === 'lead' ? t('chat.notOpen') : null;
  const step = deal.stage === 'lost' ? FLOW.indexOf('negotiating') : FLOW.indexOf(deal.stage);

  const actions = (
    <Flex gap={8} wrap>
      {deal.myStatus === 'invited' && open && (
        <>
          <Button type="primary" onClick={() => call('/accept')} data-testid="deal-accept">
            {t('deal.accept')}
          </Button>
          <Button
            onClick={() =>
              modal.confirm({
                title: t('deal.decline'),
                content: t('deal.declineReason'),
                onOk: () => call('/decline', {}),
              })
            }
          >
            {t('deal.decline')}
          </Button>
        </>
      )}
      {accepted && !deal.undertakingAcceptedAt && (
        <Button
          onClick={() => modal.confirm({ title: t('deal.undertakingTitle'), content: t('deal.undertakingText'), okText: t('deal.undertaking'), onOk: () => call('/undertaking') })}
          data-testid="deal-undertaking"
        >
          {t('deal.undertaking')}
        </Button>
      )}
      {accepted && deal.stage === 'contacted' && <Button onClick={() => call('', { stage: 'negotiating' }, 'PATCH')}>{t('deal.toNegotiating')}</Button>}
      {accepted && deal.mySide !== 'broker' && ['contacted', 'negotiating'].includes(deal.stage) && (
        <Button type="primary" onClick={() => setOfferOpen({ purpose: 'price', counter: !!livePrice && livePrice.fromSide !== deal.mySide })} disabled={!!livePrice && livePrice.fromSide === deal.mySide} data-testid="offer-make">
          {livePrice && livePrice.fromSide !== deal.mySide ? t('offer.counter') : t('offer.make')}
        </Button>
      )}
      {accepted && hasBroker && open && deal.stage !== 'contracted' && !live.some((o) => o.purpose === 'commission') && !deal.offers.some((o) => o.purpose === 'commission' && o.status === 'accepted') && (
        <Button onClick={() => setOfferOpen({ purpose: 'commission', counter: false })}>{t('offer.commission')}</Button>
      )}
      {accepted && deal.mySide !== 'broker' && open && deal.stage !== 'contracted' && !deal.participants.some((p) => p.side === 'broker' && p.status !== 'declined') && (
        <Button onClick={() => setBrokerOpen(true)}>{t('deal.inviteBroker')}</Button>
      )}
      {accepted && deal.stage === 'agreed' && !deal.contractId && deal.mySide !== 'broker' && (
        <Button type="primary" onClick={() => setDraftOpen(true)} data-testid="deal-contract-draft">
          {t('deal.contractDraft')}
        </Button>
      )}
      {deal.contractId && <LinkButton to={`/contracts/${deal.contractId}`}>{t('deal.contractLink')}</LinkButton>}
      {accepted && deal.stage === 'contracted' && deal.mySide !== 'broker' && !deal.confirmations[deal.mySide as 'supply' | 'demand'] && (
        <Button type="primary" onClick={() => call('', { stage: 'closed' }, 'PATCH')}>
          {t('deal.confirmClose')}
        </Button>
      )}
      {accepted && ['lead', 'contacted', 'negotiating', 'agreed'].includes(deal.stage) && (
        <Button danger onClick={() => setLostOpen(true)}>
          {t('deal.markLost')}
        </Button>
      )}
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {deal.title}
            </Typography.Title>
            <Tag color={STAGE_COLORS[deal.stage]} data-testid="deal-stage">
              {stageName(t, deal.stage)}
            </Tag>
          </Flex>
          <Steps size="small" current={step} status={deal.stage === 'lost' ? 'error' : deal.stage === 'closed' ? 'finish' : 'process'} items={FLOW.map((s) => ({ title: stageName(t, s) }))} />
          {deal.myStatus === 'invited' && open && <Alert type="info" showIcon title={t('deal.invitedBanner', { title: deal.title })} />}
          {deal.myStatus === 'accepted' && deal.stage === 'lead' && <Alert type="info" showIcon title={t('deal.waitingBanner')} />}
          {deal.stage === 'lost' && <Alert type="error" showIcon title={t('deal.lostBanner', { reason: [deal.lostReason ? lostName(t, deal.lostReason) : '', deal.lostNote ?? ''].filter(Boolean).join('：') })} />}
          {deal.stage === 'closed' && <Alert type="success" showIcon title={t('deal.closedBanner')} />}
          {accepted && !deal.undertakingAcceptedAt && open && <Alert type="warning" showIcon title={t('deal.undertakingHint')} />}
          {actions}
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('deal.origin')}>{originName(t, deal.origin.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('deal.linked')}>
              <Flex gap={8} wrap>
                {deal.achievement && <Link to={`/achievements/${deal.achievement.id}`}>{deal.achievement.title}</Link>}
                {deal.demand && <Link to={`/demands/${deal.demand.id}`}>{deal.demand.title}</Link>}
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('deal.participants')}>
              <Flex gap={4} wrap data-testid="deal-participants">
                {deal.participants.map((p) => (
                  <Tag key={p.side} color={p.accepted ? 'green' : p.status === 'declined' ? 'default' : 'gold'}>
                    {sideName(t, p.side)} · {p.side === 'broker' ? (deal.brokerName ?? p.organizationName) : p.organizationName} · {t(`deal.participant.${p.status}`)}
                  </Tag>
                ))}
              </Flex>
            </Descriptions.Item>
            {deal.agreedAmount !== null && <Descriptions.Item label={t('deal.agreedAmount')}>{formatMoney(t, deal.agreedAmount)}</Descriptions.Item>}
            {deal.undertakingAcceptedAt && <Descriptions.Item label={t('deal.undertakingTitle')}>{t('deal.undertakingDone', { at: formatDateTime(deal.undertakingAcceptedAt) })}</Descriptions.Item>}
            {accepted && open && (
              <Descriptions.Item label={t('deal.followUp')}>
                <DatePicker
                  size="small"
                  value={deal.followUpAt ? dayjs(deal.followUpAt) : null}
                  onChange={(d) => void call('/follow-up', { followUpAt: d ? d.endOf('day').toISOString() : null })}
                  status={deal.followUpAt && dayjs(deal.followUpAt).isBefore(dayjs()) ? 'error' : undefined}
                  aria-label={t('deal.followUp')}
                />
              </Descriptions.Item>
            )}
            {(deal.confirmations.supply || deal.confirmations.demand) && (
              <Descriptions.Item label={t('deal.confirmClose')}>
                {(['supply', 'demand'] as const).filter((s) => deal.confirmations[s]).map((s) => t('deal.confirmedBy', { side: sideName(t, s) })).join('；')}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Flex>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'chat',
              label: t('deal.chat'),
              children: (
                <Chat
                  deal={deal}
                  messages={room.messages}
                  pending={room.pending}
                  online={room.online}
                  canWrite={canWrite}
                  notice={notice}
                  onSend={(body, files) => room.send({ kind: 'text', body: body || undefined, attachments: files.map((f) => f.id), attachmentNames: files.map((f) => f.name) })}
                  onDiscard={room.discard}
                  onAct={act}
                  onCounter={() => setOfferOpen({ purpose: 'price', counter: true })}
                />
              ),
            },
            {
              key: 'timeline',
              label: t('deal.timeline'),
              children: (
                <Timeline
                  items={deal.timeline.map((e) => ({
                    children: (
                      <span>
                        {formatDateTime(e.at)} · {e.actorName ?? ''} · {e.action === 'deal.stage' ? `${stageName(t, String(e.data.from))} → ${stageName(t, String(e.data.to))}` : e.action}
                        {e.reason ? ` · ${e.reason}` : ''}
                      </span>
                    ),
                  }))}
                />
              ),
            },
            ...((deal.stage === 'closed' || deal.stage === 'lost') && accepted ? [{ key: 'ratings', label: t('deal.ratings'), children: <RateForm deal={deal} onDone={reload} /> }] : []),
          ]}
        />
      </Card>
      {offerOpen && (
        <OfferModal
          open
          purpose={offerOpen.purpose}
          counter={offerOpen.counter}
          onCancel={() => setOfferOpen(null)}
          onSubmit={async (offer) => {
            await api(`/api/deals/${deal.id}/messages`, { method: 'POST', body: { clientMsgId: crypto.randomUUID(), kind: offerOpen.counter ? 'counter' : 'offer', offer } });
            setOfferOpen(null);
            reload();
          }}
        />
      )}
      <ContractDraftModal dealId={deal.id} open={draftOpen} onClose={() => setDraftOpen(false)} />
      <Modal open={lostOpen} title={t('deal.markLost')} onCancel={() => setLostOpen(false)} onOk={() => lostForm.submit()} destroyOnHidden>
        <Form form={lostForm} layout="vertical" onFinish={async (v) => (await call('', { stage: 'lost', ...v }, 'PATCH')) && setLostOpen(false)}>
          <Form.Item name="lostReason" label={t('deal.lostReason')} rules={[{ required: true }]}>
            <Select options={LOST_REASONS.map((r) => ({ value: r, label: lostName(t, r) }))} />
          </Form.Item>
          <Form.Item name="lostNote" label={t('deal.lostNote')}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={brokerOpen} title={t('deal.inviteBroker')} onCancel={() => setBrokerOpen(false)} onOk={() => brokerForm.submit()} destroyOnHidden>
        <Form form={brokerForm} layout="vertical" onFinish={async (v) => (await call('/broker', v)) && setBrokerOpen(false)}>
          <Form.Item name="brokerId" label={t('deal.brokerPick')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" loading={brokers.loading} options={(brokers.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name} · ${b.organization.name}` }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
