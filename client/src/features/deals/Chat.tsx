import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Input, Space, Tag, Typography, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { NegotiationMessage } from '@common/realtime.js';
import { useT } from '../../shared/i18n';
import { UploadField, isUploading, uploadedIds } from '../../shared/components/UploadField';
import { formatSize, type UploadedFile } from '../../shared/upload';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import { useAuth } from '../auth';
import { sideName } from './format';
import type { DealDetail, Offer } from './types';
import type { PendingMessage } from './useNegotiation';
import { formatDate, formatDateTime, formatMoney } from '../../shared/format';

/** An offer as a card in the conversation, with its current status and the buttons the viewer may use. */
function OfferCard({ offer, live, mySide, onAct, onCounter }: { offer: Record<string, unknown>; live: Offer | undefined; mySide: string | null; onAct: (kind: 'accept' | 'reject' | 'withdraw', id: string) => void; onCounter: () => void }) {
  const t = useT();
  const { names } = useTaxonomyNames();
  const o = (live ?? offer) as unknown as Offer;
  const status = live?.status ?? o.status;
  const mine = o.fromSide === mySide;
  const mayAnswer = !mine && status === 'live' && (o.purpose === 'price' ? mySide !== 'broker' : o.fromSide === 'broker' ? mySide === o.payerSide : mySide === 'broker');
  return (
    <Card size="small" style={{ maxWidth: 420, borderColor: status === 'accepted' ? '#52c41a' : undefined }} data-testid="offer-card">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{o.purpose === 'price' ? t('offer.card.price', { amount: formatMoney(t, o.amount ?? 0) }) : t('offer.card.commission')}</Typography.Text>
        <Tag color={status === 'live' ? 'processing' : status === 'accepted' ? 'success' : 'default'} data-testid="offer-status">
          {t(`offer.status.${status}`)}
        </Tag>
      </Flex>
      {o.purpose === 'commission' && (
        <div>
          {o.commissionRate !== null ? t('offer.card.rate', { rate: String(Number(o.commissionRate) * 100) }) : formatMoney(t, o.amount ?? 0)} · {t('offer.payer')} {o.payerSide ? sideName(t, o.payerSide) : ''}
        </div>
      )}
      {o.modes?.length > 0 && <div>{o.modes.map((m) => names.mode(m)).join('、')}</div>}
      {o.terms?.map((term, i) => (
        <div key={i}>
          {formatDate(term.dueDate)} · {formatMoney(t, term.amount)}
        </div>
      ))}
      {o.note && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{o.note}</Typography.Paragraph>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('offer.validUntil')} {formatDateTime(o.validUntil)}
      </Typography.Text>
      {(mayAnswer || (mine && status === 'live')) && (
        <Flex gap={8} style={{ marginTop: 8 }}>
          {mayAnswer && (
            <>
              <Button type="primary" size="small" onClick={() => onAct('accept', o.id)} data-testid="offer-accept">
                {t('offer.accept')}
              </Button>
              <Button size="small" onClick={() => onAct('reject', o.id)}>
                {t('offer.reject')}
              </Button>
              {o.purpose === 'price' && (
                <Button size="small" onClick={onCounter}>
                  {t('offer.counter')}
                </Button>
              )}
            </>
          )}
          {mine && status === 'live' && (
            <Button size="small" danger onClick={() => onAct('withdraw', o.id)}>
              {t('offer.withdraw')}
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}

/** Files sent with a message: download links (the server answers them to participants only). */
function Attachments({ files }: { files: unknown[] }) {
  const list = files as UploadedFile[];
  if (!list.length) return null;
  return (
    <Flex vertical gap={2} data-testid="chat-attachments">
      {list.map((f) => (
        <a key={f.id} href={`/api/files/${encodeURIComponent(f.id)}`} target="_blank" rel="noreferrer" download={f.name}>
          <PaperClipOutlined aria-hidden /> {f.name} <Typography.Text type="secondary">（{formatSize(f.size)}）</Typography.Text>
        </a>
      ))}
    </Flex>
  );
}

/** The conversation: messages and offer cards by seq, the unsent ones below, the composer. */
export function Chat({
  deal,
  messages,
  pending,
  online,
  canWrite,
  notice,
  onSend,
  onDiscard,
  onAct,
  onCounter,
}: {
  deal: DealDetail;
  messages: NegotiationMessage[];
  pending: PendingMessage[];
  online: boolean;
  canWrite: boolean;
  notice: string | null;
  onSend: (body: string, files: UploadedFile[]) => void;
  onDiscard: (clientMsgId: string) => void;
  onAct: (kind: 'accept' | 'reject' | 'withdraw', id: string) => void;
  onCounter: () => void;
}) {
  const t = useT();
  const { user } = useAuth();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<UploadFile<UploadedFile>[]>([]);
  const uploading = isUploading(files);
  const bottom = useRef<HTMLDivElement>(null);
  // A block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'nearest' });
  }, [messages.length, pending.length]);
  const offers = new Map(deal.offers.map((o) => [o.id, o]));
  const submit = () => {
    const body = text.trim();
    const ids = uploadedIds(files);
    if (uploading || (!body && !ids.length)) return;
    onSend(body, files.flatMap((f) => (f.status === 'done' && f.response && ids.includes(f.response.id) ? [f.response] : [])));
    setText('');
    setFiles([]);
  };

  return (
    <Flex vertical gap={8}>
      {!online && <Alert type="warning" showIcon title={t('chat.offline')} />}
      <div style={{ maxHeight: 520, overflowY: 'auto', padding: 8, background: '#fafafa', borderRadius: 8 }} data-testid="chat">
        {messages.length === 0 && pending.length === 0 && <Empty description={t('chat.empty')} />}
        {messages.map((m) => {
          const mine = m.senderId === user?.id;
          const side = m.senderSide ? sideName(t, m.senderSide) : t('chat.system');
          return (
            <Flex key={m.seq} vertical align={mine ? 'flex-end' : 'flex-start'} style={{ margin: '6px 0' }} data-testid="chat-message">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {side} · {m.senderName ?? ''} · {formatDateTime(m.createdAt)}
              </Typography.Text>
              {m.kind === 'offer' || m.kind === 'counter' ? (
                <OfferCard offer={m.offer ?? {}} live={m.offerId ? offers.get(m.offerId) : undefined} mySide={deal.mySide} onAct={onAct} onCounter={onCounter} />
              ) : m.kind === 'text' ? (
                <div style={{ background: mine ? '#e6f4ff' : '#fff', padding: '6px 10px', borderRadius: 8, maxWidth: 520, whiteSpace: 'pre-wrap' }}>
                  {m.body}
                  <Attachments files={m.attachments ?? []} />
                </div>
              ) : (
                <Tag>{t(`offer.action.${m.kind}`)}</Tag>
              )}
            </Flex>
          );
        })}
        {pending.map((p) => (
          <Flex key={p.clientMsgId} vertical align="flex-end" style={{ margin: '6px 0', opacity: 0.6 }}>
            <div style={{ background: '#e6f4ff', padding: '6px 10px', borderRadius: 8 }}>
              {p.body ?? (p.attachmentNames?.length ? null : t(p.kind === 'text' ? 'chat.pending' : `offer.${p.kind === 'offer' ? 'make' : p.kind === 'counter' ? 'counter' : p.kind}`))}
              {p.attachmentNames?.map((name) => (
                <div key={name}>
                  <PaperClipOutlined aria-hidden /> {name}
                </div>
              ))}
            </div>
            {p.error ? (
              <Space>
                <Typography.Text type="danger">{t('chat.failed', { reason: p.error })}</Typography.Text>
                <Button size="small" type="link" onClick={() => onDiscard(p.clientMsgId)}>
                  ×
                </Button>
              </Space>
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('chat.pending')}
              </Typography.Text>
            )}
          </Flex>
        ))}
        <div ref={bottom} />
      </div>
      {canWrite ? (
        <Flex vertical gap={4}>
          <Flex gap={8}>
            <Input.TextArea
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('chat.placeholder')}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={5000}
              aria-label={t('chat.placeholder')}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  submit();
                }
              }}
            />
            <Button type="primary" onClick={submit} disabled={uploading} data-testid="chat-send">
              {t('chat.send')}
            </Button>
          </Flex>
          <div data-testid="chat-attach">
            <UploadField value={files} onChange={setFiles} maxCount={10} label={t('chat.attach')} />
          </div>
        </Flex>
      ) : (
        notice && <Alert type="info" showIcon title={notice} />
      )}
    </Flex>
  );
}
