import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useAuth } from '../auth';
import type { Deal } from './types';
import { FormModal } from '../../shared/components/FormModal';
import { startsDealOn } from '../../shared/policies';

interface Target {
  achievementId?: string;
  demandId?: string;
  origin?: 'catalogue' | 'match';
}

/** POST /api/deals; opens the deal page whether it was created or already open. */
export function useStartDeal() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return async (target: Target, text?: string) => {
    const deal = await api<Deal>('/api/deals', { method: 'POST', body: { ...target, ...(text ? { message: text } : {}) } });
    message.success(deal.stage === 'lead' ? t('deal.start.created') : t('deal.start.existing'));
    navigate(`/deals/${deal.id}`);
  };
}

/** A start button with the message modal (optional message), for a listing page or a match row. */
function StartDealButton({ target, title, label, size, testId }: { target: Target; title: string; label: string; size?: 'small' | 'middle'; testId: string }) {
  const t = useT();
  const start = useStartDeal();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ message?: string }>();

  const submit = async ({ message }: { message?: string }) => {
    await start(target, message?.trim() || undefined);
    setOpen(false);
  };

  return (
    <>
      <Button type="primary" size={size} icon={<MessageOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <FormModal
        form={form}
        open={open}
        title={t('deal.start.title', { title })}
        okText={t('deal.start.submit')}
        initialValues={{}}
        fields={['message']}
        onSubmit={submit}
        onClose={() => setOpen(false)}
      >
        <Form.Item name="message" label={t('deal.start.message')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={4} placeholder={t('deal.start.messagePlaceholder')} maxLength={2000} showCount />
        </Form.Item>
      </FormModal>
    </>
  );
}

/**
 * 「我有意向」 on an achievement (enterprises and other organizations) and 「发起洽谈」 on a demand
 * (suppliers), with an optional message; plus why contacts are hidden.
 */
export function StartDeal({ listing }: { listing: { id: string; kind: 'achievement' | 'demand'; title: string; status: string; ownerOrgId: string; confidentialVisible?: boolean } }) {
  const t = useT();
  const { user } = useAuth();
  if (!user || user.organizationId === listing.ownerOrgId || listing.status !== 'published') return null;
  const can = startsDealOn(user, listing.kind);
  const label = listing.kind === 'achievement' ? t('deal.start.interest') : t('deal.start.talk');
  return (
    <Flex vertical gap={8} align="flex-end">
      {can && <StartDealButton target={listing.kind === 'achievement' ? { achievementId: listing.id } : { demandId: listing.id }} title={listing.title} label={label} testId="start-deal" />}
      {listing.confidentialVisible === false && <Alert type="info" showIcon title={t('deal.start.hidden')} style={{ maxWidth: 420 }} />}
    </Flex>
  );
}

/**
 * 「发起洽谈」 on a match row, for the owner of the listing whose matches these are: their achievement
 * with a matched demand, or their demand with a matched achievement. Both ids go to `POST /api/deals`
 * (origin `match`); an open deal of the pair is opened instead of a new one.
 */
export function MatchStartDeal({ achievementId, demandId, counterpartTitle, counterpartOrgId }: { achievementId: string; demandId: string; counterpartTitle: string; counterpartOrgId?: string }) {
  const t = useT();
  const { user } = useAuth();
  if (!user?.organizationId || user.organizationId === counterpartOrgId) return null;
  return <StartDealButton target={{ achievementId, demandId, origin: 'match' }} title={counterpartTitle} label={t('deal.start.talk')} size="small" testId="match-start-deal" />;
}
