import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Popconfirm, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, EditOutlined, RollbackOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { api, ApiError, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import type { Contract, ReviewDecision } from '../contracts';
import { AmendModal } from './AmendModal';
import { FormModal } from '../../shared/components/FormModal';
import { formatDateTime } from '../../shared/format';

interface Props {
  contract: Contract;
  /** Called with the contract as the server returned it after a change. */
  onChanged: (updated: Contract) => void;
}

const path = (c: Contract, action: string) => `/api/contracts/${encodeURIComponent(c.id)}/${action}`;

/** The registrar's decisions on one contract: expert review, 予以登记 / 要求补正 / 不予登记, then amend or cancel. */
export function ReviewPanel({ contract, onChanged }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [expertNote, setExpertNote] = useState('');
  const [expertError, setExpertError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [amending, setAmending] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelForm] = Form.useForm<{ note: string }>();

  const fieldMessage = (caught: unknown, field: string) => (caught instanceof ApiError ? caught.fields.find((f) => f.path === field)?.message : undefined);

  const decide = async (decision: ReviewDecision) => {
    const text = note.trim();
    if (decision !== 'register' && text.length < 2) {
      setNoteError(t('registrar.noteRequired'));
      return;
    }
    setBusy(decision);
    setNoteError(null);
    try {
      const updated = await api<Contract>(path(contract, 'review'), { method: 'POST', body: text ? { decision, note: text } : { decision } });
      if (decision === 'register') message.success(t('registrar.registered', { number: updated.registrationNumber ?? '' }));
      else if (decision === 'request_correction') message.success(t('registrar.correctionSent'));
      else message.success(t('registrar.refusedDone'));
      setNote('');
      onChanged(updated);
    } catch (caught) {
      const field = fieldMessage(caught, 'note');
      if (field) setNoteError(field);
      else message.error(describeError(caught, t));
    } finally {
      setBusy(null);
    }
  };

  const recordExpert = async () => {
    const text = expertNote.trim();
    if (text.length < 2) {
      setExpertError(t('registrar.expertNoteRequired'));
      return;
    }
    setBusy('expert');
    setExpertError(null);
    try {
      const updated = await api<Contract>(path(contract, 'expert-review'), { method: 'POST', body: { note: text } });
      message.success(t('registrar.expertRecorded'));
      setExpertNote('');
      onChanged(updated);
    } catch (caught) {
      const field = fieldMessage(caught, 'note');
      if (field) setExpertError(field);
      else message.error(describeError(caught, t));
    } finally {
      setBusy(null);
    }
  };

  const cancel = async ({ note: text }: { note: string }) => {
    const updated = await api<Contract>(path(contract, 'cancel'), { method: 'POST', body: { note: text.trim() } });
    message.success(t('registrar.cancelled'));
    setCancelOpen(false);
    onChanged(updated);
  };

  if (contract.status === 'submitted') {
    const needsExpert = contract.expertReview.required && !contract.expertReview.reviewedAt;
    return (
      <Flex vertical gap={16} data-testid="review-panel">
        {contract.expertReview.required && (
          <Alert
            type={needsExpert ? 'warning' : 'success'}
            showIcon
            icon={<TeamOutlined aria-hidden />}
            title={needsExpert ? t('registrar.expertNeeded') : t('registrar.expertDoneAt', { at: formatDateTime(contract.expertReview.reviewedAt) })}
            description={needsExpert ? t('contract.expertHint') : contract.expertReview.note}
          />
        )}
        {needsExpert && (
          <Form layout="vertical" component="div">
            <Form.Item label={t('registrar.expertNote')} htmlFor={`expert-note-${contract.id}`} validateStatus={expertError ? 'error' : undefined} help={expertError ?? undefined} style={{ marginBottom: 8 }}>
              <Input.TextArea
                id={`expert-note-${contract.id}`}
                rows={3}
                maxLength={2000}
                value={expertNote}
                onChange={(e) => {
                  setExpertNote(e.target.value);
                  setExpertError(null);
                }}
                placeholder={t('registrar.expertNotePlaceholder')}
              />
            </Form.Item>
            <Button icon={<TeamOutlined aria-hidden />} loading={busy === 'expert'} disabled={busy !== null} onClick={recordExpert}>
              {t('registrar.recordExpert')}
            </Button>
          </Form>
        )}
        <Form layout="vertical" component="div">
          <Form.Item label={t('registrar.note')} htmlFor={`review-note-${contract.id}`} validateStatus={noteError ? 'error' : undefined} help={noteError ?? t('registrar.noteHelp')} style={{ marginBottom: 12 }}>
            <Input.TextArea
              id={`review-note-${contract.id}`}
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                setNoteError(null);
              }}
              placeholder={t('registrar.notePlaceholder')}
            />
          </Form.Item>
          <Flex gap={8} wrap>
            <Tooltip title={needsExpert ? t('registrar.expertFirst') : undefined}>
              <Button type="primary" icon={<CheckCircleOutlined aria-hidden />} loading={busy === 'register'} disabled={busy !== null || needsExpert} onClick={() => void decide('register')}>
                {t('registrar.register')}
              </Button>
            </Tooltip>
            <Button icon={<RollbackOutlined aria-hidden />} loading={busy === 'request_correction'} disabled={busy !== null} onClick={() => void decide('request_correction')}>
              {t('registrar.requestCorrection')}
            </Button>
            <Popconfirm
              title={t('registrar.refuseConfirm')}
              okText={t('registrar.refuse')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => decide('refuse')}
              disabled={note.trim().length < 2}
            >
              <Button danger icon={<CloseCircleOutlined aria-hidden />} loading={busy === 'refuse'} disabled={busy !== null} onClick={() => note.trim().length < 2 && setNoteError(t('registrar.noteRequired'))}>
                {t('registrar.refuse')}
              </Button>
            </Popconfirm>
          </Flex>
        </Form>
      </Flex>
    );
  }

  if (contract.status === 'registered' || contract.status === 'amended') {
    return (
      <Flex vertical gap={12} data-testid="review-panel">
        <Typography.Text>
          {t('contract.field.registrationNumber')}：
          <Typography.Text strong copyable data-testid="panel-registration-number">
            {contract.registrationNumber}
          </Typography.Text>
        </Typography.Text>
        <Typography.Text type="secondary">{t('registrar.amendHint')}</Typography.Text>
        <Flex gap={8} wrap>
          <Button icon={<EditOutlined aria-hidden />} onClick={() => setAmending(true)}>
            {t('registrar.amend')}
          </Button>
          <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setCancelOpen(true)}>
            {t('registrar.cancel')}
          </Button>
        </Flex>
        <AmendModal
          contract={contract}
          open={amending}
          onClose={() => setAmending(false)}
          onSaved={(updated) => {
            setAmending(false);
            onChanged(updated);
          }}
        />
        <FormModal<{ note: string }>
          form={cancelForm}
          open={cancelOpen}
          title={t('registrar.cancelTitle')}
          okText={t('registrar.cancel')}
          okDanger
          initialValues={{}}
          fields={['note']}
          onSubmit={cancel}
          onClose={() => setCancelOpen(false)}
        >
          <Typography.Paragraph type="secondary">{t('registrar.cancelHint')}</Typography.Paragraph>
          <Form.Item
            name="note"
            label={t('registrar.cancelNote')}
            required
            rules={[{ validator: async (_rule, value?: string) => { if ((value ?? '').trim().length < 2) throw new Error(t('registrar.cancelNoteRequired')); } }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </FormModal>
      </Flex>
    );
  }

  return (
    <Typography.Text type="secondary" data-testid="review-panel">
      {contract.status === 'needs_correction' ? t('registrar.waitingCorrection') : t('registrar.closed')}
    </Typography.Text>
  );
}
