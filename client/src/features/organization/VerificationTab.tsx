import { Alert, App, Button, Card, Flex, Form, Input, Result, Spin, Typography, type UploadFile } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { isUploading, UploadField, uploadedIds } from '../../shared/components/UploadField';
import { useT } from '../../shared/i18n';
import type { UploadedFile } from '../../shared/upload';
import { useApiData } from '../../shared/useApiData';
import { FormProblem, useFormSave } from '../../shared/useFormSave';
import type { Verification as Request } from '@common/schemas/verification.js';

type SubmitValues = { files: UploadFile<UploadedFile>[]; note?: string };

/** 实名认证 of the organization: upload the business licence (or legal-person certificate); a reviewer decides. */
export function VerificationTab({ orgId }: { orgId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const org = useApiData<{ verified: boolean }>(`/api/organizations/${orgId}`);
  const latest = useApiData<{ item: Request | null }>(`/api/organizations/${orgId}/verification`);
  const [form] = Form.useForm<SubmitValues>();
  const submit = async (values: SubmitValues) => {
    if (isUploading(values.files)) throw new FormProblem(t('orgVerify.stillUploading'));
    await api(`/api/organizations/${orgId}/verification`, { method: 'POST', body: { files: uploadedIds(values.files), ...(values.note?.trim() ? { note: values.note.trim() } : {}) } });
    message.success(t('orgVerify.sent'));
    form.resetFields();
    latest.reload();
  };
  const { save, saving: sending, error: formError } = useFormSave(form, submit);

  if (org.loading || latest.loading) return <Spin />;
  if (org.error || latest.error) return <ErrorAlert error={org.error ?? latest.error} onRetry={() => (org.reload(), latest.reload())} />;
  const item = latest.data?.item ?? null;
  if (org.data?.verified) return <Result status="success" title={t('orgVerify.verified')} subTitle={t('orgVerify.verifiedHint')} />;

  return (
    <Card>
      <Flex vertical gap={16} style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('orgVerify.intro')}
        </Typography.Paragraph>
        {item?.status === 'pending' && <Alert type="info" showIcon title={t('orgVerify.pending', { at: dayjs(item.createdAt).format('YYYY-MM-DD HH:mm') })} />}
        {item?.status === 'rejected' && <Alert type="warning" showIcon title={t('orgVerify.rejected')} description={item.reason ?? undefined} />}
        {item?.status !== 'pending' && (
          <Form form={form} layout="vertical">
            <Form.Item
              name="files"
              label={t('orgVerify.files')}
              valuePropName="value"
              rules={[{ validator: (_, v: UploadFile<UploadedFile>[] | undefined) => (uploadedIds(v).length ? Promise.resolve() : Promise.reject(new Error(t('orgVerify.filesRequired')))) }]}
            >
              <UploadField maxCount={5} label={t('orgVerify.upload')} />
            </Form.Item>
            <Form.Item name="note" label={t('orgVerify.note')}>
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
            {formError && <Alert type="error" showIcon role="alert" title={formError} style={{ marginBottom: 16 }} />}
            <Button type="primary" loading={sending} onClick={() => void save()}>
              {t('orgVerify.submit')}
            </Button>
          </Form>
        )}
      </Flex>
    </Card>
  );
}
