import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Input, Modal, Row, Typography } from 'antd';
import { EditOutlined, PrinterOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useAuth, type User } from '../auth';
import { api, ApiError, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useLiveRefresh } from '../../shared/liveNotifications';
import { LinkButton } from '../../shared/components/LinkButton';
import { NotFound, PageLoading } from '../../shared/components/StatusPages';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { ReviewPanel } from '../registrar';
import { AmendmentList, AttachmentList, ContractDescriptions, ContractStatusTag, ContractTimeline, DueDate, PartiesRow, useWorkCalendar } from './components';
import { PageHeader } from '../../shared/components/PageHeader';
import { type Contract, type ContractDetail } from './types';
import { formatDate } from '../../shared/format';
import { registersContracts, submitsContracts } from '../../shared/policies';

/** Whether the user is on the submitting side (may correct and resubmit); the server has the last word. */
export function isSubmitterSide(user: User | null, c: Contract): boolean {
  if (!user || !submitsContracts(user)) return false;
  return c.createdBy === user.id || c.brokerId === user.id || c.seller.organizationId === user.organizationId || c.buyer.organizationId === user.organizationId;
}

/** 重新提交 and 撤回: one POST to a contract action with an optional note, asked for in a modal. */
function NoteActionButton({ contract, action, danger, onDone }: { contract: Contract; action: 'resubmit' | 'withdraw'; danger?: boolean; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const label = t(`contract.${action}`);
  const send = async () => {
    setSaving(true);
    try {
      await api<Contract>(`/api/contracts/${encodeURIComponent(contract.id)}/${action}`, { method: 'POST', body: note.trim() ? { note: note.trim() } : {} });
      message.success(t(action === 'resubmit' ? 'contract.resubmitted' : 'contract.withdrawn'));
      setOpen(false);
      onDone();
    } catch (caught) {
      message.error(describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button type={danger ? 'default' : 'primary'} danger={danger} icon={danger ? <RollbackOutlined aria-hidden /> : <SendOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={t(`contract.${action}Title`)}
        okText={label}
        okButtonProps={{ danger }}
        cancelText={t('common.cancel')}
        onOk={send}
        confirmLoading={saving}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">{t(`contract.${action}Hint`)}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t(`contract.${action}NotePlaceholder`)} aria-label={t(`contract.${action}Note`)} />
      </Modal>
    </>
  );
}

function StatusAlert({ contract }: { contract: Contract }) {
  const t = useT();
  const calendar = useWorkCalendar();
  switch (contract.status) {
    case 'submitted':
      return (
        <Alert
          type={contract.overdue ? 'error' : 'info'}
          showIcon
          title={contract.overdue ? t('contract.alert.overdue') : t('contract.alert.submitted')}
          description={
            <Flex vertical gap={4}>
              <span>
                {t('contract.alert.dueAt')}
                <DueDate contract={contract} calendar={calendar} />
              </span>
              {contract.expertReview.required && !contract.expertReview.reviewedAt && <span>{t('contract.expertHint')}</span>}
            </Flex>
          }
        />
      );
    case 'needs_correction':
      return <Alert type="warning" showIcon title={t('contract.correctionAsked')} description={contract.decisionNote ?? t('common.none')} />;
    case 'refused':
      return <Alert type="error" showIcon title={t('contract.alert.refused')} description={contract.decisionNote ?? t('common.none')} />;
    case 'registered':
      return (
        <Alert
          type="success"
          showIcon
          title={t('contract.alert.registered', { number: contract.registrationNumber ?? '', date: formatDate(contract.registeredAt) })}
          description={contract.decisionNote ?? undefined}
        />
      );
    case 'amended':
      return <Alert type="info" showIcon title={t('contract.alert.amended', { number: contract.registrationNumber ?? '', date: formatDate(contract.amendedAt) })} />;
    case 'cancelled':
      return <Alert type="warning" showIcon title={t('contract.alert.cancelled', { date: formatDate(contract.cancelledAt) })} description={contract.decisionNote ?? undefined} />;
    case 'withdrawn':
      return <Alert type="info" showIcon title={t('contract.alert.withdrawn', { date: formatDate(contract.withdrawnAt) })} />;
    default:
      return null;
  }
}

/** `/contracts/:id`: particulars, parties, scans, processing history; correction for the submitter, decisions for registrars. */
export default function ContractDetailPage(_props: PageProps) {
  const t = useT();
  const { user } = useAuth();
  const { id = '' } = useParams();
  const { data, loading, error, reload } = useApiData<ContractDetail>(`/api/contracts/${encodeURIComponent(id)}`);
  useLiveRefresh(reload);

  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (error !== null && !loading) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;

  const contract = data;
  const submitter = isSubmitterSide(user, contract);
  const editable = submitter && (contract.status === 'submitted' || contract.status === 'needs_correction');
  const registrar = registersContracts(user);

  return (
    <div style={{ maxWidth: 1200 }}>
      <PageHeader
        title={<span data-testid="contract-title">{contract.name}</span>}
        tags={<ContractStatusTag status={contract.status} />}
        subtitle={contract.registrationNumber ? t('contract.numberLine', { number: contract.registrationNumber }) : undefined}
        extra={
          <>
            <LinkButton to={registrar && !submitter ? '/registrar' : '/contracts'}>{registrar && !submitter ? t('contract.backToDesk') : t('contract.backToList')}</LinkButton>
            {editable && (
              <LinkButton icon={<EditOutlined aria-hidden />} to={`/contracts/${encodeURIComponent(contract.id)}/edit`}>
                {contract.status === 'needs_correction' ? t('contract.correct') : t('contract.edit')}
              </LinkButton>
            )}
            {submitter && contract.status === 'needs_correction' && <NoteActionButton contract={contract} action="resubmit" onDone={reload} />}
            {editable && <NoteActionButton contract={contract} action="withdraw" danger onDone={reload} />}
            {(contract.status === 'registered' || contract.status === 'amended') && (
              <Button icon={<PrinterOutlined aria-hidden />} href={`/api/contracts/${encodeURIComponent(contract.id)}/certificate`} target="_blank" data-testid="certificate-link">
                {t('contract.certificate')}
              </Button>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        <StatusAlert contract={contract} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={registrar ? 15 : 24}>
            <Flex vertical gap={16}>
              <Card title={t('contract.section.basic')}>
                <ContractDescriptions contract={contract} />
              </Card>
              <PartiesRow contract={contract} />
              <Card title={t('contract.field.attachments')}>
                <AttachmentList files={contract.attachments} />
              </Card>
              {contract.amendments.length > 0 && (
                <Card title={t('contract.amendments')}>
                  <AmendmentList amendments={contract.amendments} />
                </Card>
              )}
            </Flex>
          </Col>
          {registrar && (
            <Col xs={24} xl={9}>
              <Card title={t('registrar.panelTitle')}>
                <ReviewPanel contract={contract} onChanged={reload} />
              </Card>
            </Col>
          )}
        </Row>
        <Card title={t('contract.history')}>
          <ContractTimeline history={contract.history} />
        </Card>
      </Flex>
    </div>
  );
}
