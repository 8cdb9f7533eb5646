import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { withdrawSchema } from '@common/schemas/listings.js';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { LinkButton } from '../../shared/components/LinkButton';
import { zodRule } from '../../shared/zodRules';
import { KIND, canEdit, canReconfirm, canSubmit, canWithdraw, editPath } from './kinds';
import type { Listing } from './types';
import { formatDate } from '../../shared/format';
import { useAction } from '../../shared/useAction';

/** `POST /:id/submit`, `/:id/reconfirm` and `DELETE /:id` (withdraw). */
export function listingAction(listing: Listing, action: 'submit' | 'reconfirm' | 'withdraw', reason?: string): Promise<Listing> {
  const base = `${KIND[listing.kind].api}/${encodeURIComponent(listing.id)}`;
  if (action === 'withdraw') return api<Listing>(base, { method: 'DELETE', body: reason ? { reason } : {} });
  return api<Listing>(`${base}/${action}`, { method: 'POST' });
}

function WithdrawModal({ listing, open, onClose, onDone }: { listing: Listing; open: boolean; onClose: () => void; onDone: (updated: Listing) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const [sending, setSending] = useState(false);
  const onFinish = async ({ reason }: { reason?: string }) => {
    setSending(true);
    try {
      const updated = await listingAction(listing, 'withdraw', reason?.trim() || undefined);
      message.success(t('detail.withdrawn'));
      onDone(updated);
    } catch (caught) {
      message.error(describeError(caught, t));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('detail.withdrawTitle')}
      okText={t('detail.withdrawConfirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph>{listing.status === 'published' ? t('detail.withdrawHintPublished') : t('detail.withdrawHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={sending}>
        <Form.Item name="reason" label={t('detail.withdrawReason')} rules={[zodRule(withdrawSchema.shape.reason)]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('detail.withdrawReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** What the owner organization can do with its listing in its current status. */
export function OwnerActions({ listing, onChange }: { listing: Listing; onChange: (updated: Listing) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const action = useAction();
  const busy = action.busy;  const [withdrawing, setWithdrawing] = useState(false);
  const highlightReconfirm = listing.expiresSoon === true || listing.status === 'expired';

  const run = (which: 'submit' | 'reconfirm') =>
    action.run(which, async () => {
      const updated = await listingAction(listing, which);
      message.success(which === 'submit' ? t('detail.submitted') : t('detail.reconfirmed', { date: formatDate(updated.expiresAt) }));
      onChange(updated);
    });

  return (
    <Flex gap={8} wrap data-testid="owner-actions">
      {canEdit(listing.status) && (
        <LinkButton icon={<EditOutlined aria-hidden />} to={editPath(listing.kind, listing.id)}>
          {t('detail.edit')}
        </LinkButton>
      )}
      {canSubmit(listing.status) && (
        <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy === 'submit'} onClick={() => void run('submit')}>
          {t('detail.submit')}
        </Button>
      )}
      {canReconfirm(listing.status) && (
        <Button
          type={highlightReconfirm ? 'primary' : 'default'}
          icon={<CheckCircleOutlined aria-hidden />}
          loading={busy === 'reconfirm'}
          onClick={() => void run('reconfirm')}
        >
          {t('detail.reconfirm')}
        </Button>
      )}
      {canWithdraw(listing.status) && (
        <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setWithdrawing(true)}>
          {t('detail.withdraw')}
        </Button>
      )}
      <WithdrawModal
        listing={listing}
        open={withdrawing}
        onClose={() => setWithdrawing(false)}
        onDone={(updated) => {
          setWithdrawing(false);
          onChange(updated);
        }}
      />
    </Flex>
  );
}
