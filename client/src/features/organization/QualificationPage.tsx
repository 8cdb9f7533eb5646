import { Alert, App, Button, Card, Descriptions, Flex, Form, Select, Spin, Tag, type UploadFile } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { isUploading, UploadField, uploadedIds } from '../../shared/components/UploadField';
import { useT } from '../../shared/i18n';
import type { UploadedFile } from '../../shared/upload';
import { useApiData } from '../../shared/useApiData';
import { PageHeader } from '../../shared/components/PageHeader';
import { FormProblem, useFormSave } from '../../shared/useFormSave';
import type { Verification as Request } from '@common/schemas/verification.js';

const LEVELS = ['初级', '中级', '高级'] as const;
const TITLES = ['技术经纪专业中级工程师', '技术经纪专业高级工程师'] as const;

type SubmitValues = { level?: string; title?: string; files: UploadFile<UploadedFile>[] };

/** `/broker/qualifications` (我的资质): a broker sends training level and title with certificates; a reviewer verifies. */
export default function QualificationPage() {
  const t = useT();
  const { message } = App.useApp();
  const latest = useApiData<{ item: Request | null }>('/api/brokers/me/qualifications');
  const [form] = Form.useForm<SubmitValues>();
  const submit = async (values: SubmitValues) => {
    if (isUploading(values.files)) throw new FormProblem(t('orgVerify.stillUploading'));
    await api('/api/brokers/me/qualifications', { method: 'POST', body: { level: values.level ?? null, title: values.title ?? null, files: uploadedIds(values.files) } });
    message.success(t('qual.sent'));
    form.resetFields();
    latest.reload();
  };
  const { save, saving: sending, error: formError } = useFormSave(form, submit, { fields: ['level', 'title', 'files'] });
  const item = latest.data?.item ?? null;
  const status = item ? { pending: ['gold', t('qual.status.pending')], approved: ['green', t('qual.status.approved')], rejected: ['red', t('qual.status.rejected')] }[item.status] : null;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <PageHeader title={t('qual.title')} subtitle={t('qual.subtitle')} />
      {latest.loading ? (
        <Spin />
      ) : latest.error ? (
        <ErrorAlert error={latest.error} onRetry={latest.reload} />
      ) : (
        item &&
        status && (
          <Card title={t('qual.latest')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('qual.level')}>{item.data.level ?? t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('qual.titleField')}>{item.data.title ?? t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('users.status')}>
                <Tag color={status[0]}>{status[1]}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.col.submitted')}>{dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
              {item.reason && <Descriptions.Item label={t('adm.reason')}>{item.reason}</Descriptions.Item>}
            </Descriptions>
          </Card>
        )
      )}
      {item?.status !== 'pending' && !latest.loading && (
        <Card title={t('qual.new')}>
          <Form form={form} layout="vertical">
            <Form.Item name="level" label={t('qual.level')}>
              <Select allowClear aria-label={t('qual.level')} options={LEVELS.map((v) => ({ value: v, label: v }))} />
            </Form.Item>
            <Form.Item name="title" label={t('qual.titleField')}>
              <Select allowClear aria-label={t('qual.titleField')} options={TITLES.map((v) => ({ value: v, label: v }))} />
            </Form.Item>
            <Form.Item
              name="files"
              label={t('qual.files')}
              rules={[{ validator: (_, v: UploadFile<UploadedFile>[] | undefined) => (uploadedIds(v).length ? Promise.resolve() : Promise.reject(new Error(t('qual.filesRequired')))) }]}
            >
              <UploadField maxCount={5} label={t('orgVerify.upload')} />
            </Form.Item>
            {formError && <Alert type="error" showIcon role="alert" title={formError} style={{ marginBottom: 16 }} />}
            <Button type="primary" loading={sending} onClick={() => void save()}>
              {t('qual.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </Flex>
  );
}
