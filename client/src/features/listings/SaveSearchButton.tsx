import { useState } from 'react';
import { App, Button, Flex, Form, Input, Radio, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useLocation } from 'react-router-dom';
import type { SavedSearchNotify } from '@common/schemas/savedSearches.js';
import { useAuth } from '../auth';
import { api, ApiError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { FormModal } from '../../shared/components/FormModal';
import { LinkButton } from '../../shared/components/LinkButton';
import type { TaxonomyNames } from '../../shared/taxonomyNames';
import { describeSearch, type SavedSearch, type SavedSearchFilters } from './savedSearch';
import type { Kind } from './types';

interface Values {
  name?: string;
  notify: SavedSearchNotify;
}

/** 「保存搜索 / 订阅」 on a catalogue: saves the current query and filters; visitors are sent to log in first. */
export function SaveSearchButton({ kind, q, filters, names }: { kind: Kind; q: string; filters: SavedSearchFilters; names: TaxonomyNames }) {
  const t = useT();
  const { user } = useAuth();
  const { pathname, search } = useLocation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  if (!user) {
    return (
      <LinkButton size="large" icon={<BellOutlined aria-hidden />} to={`/login?next=${encodeURIComponent(pathname + search)}`}>
        {t('saved.loginToSave')}
      </LinkButton>
    );
  }
  const noun = t(kind === 'achievement' ? 'listing.noun.achievement' : 'listing.noun.demand');
  const submit = async (values: Values) => {
    try {
      const saved = await api<SavedSearch>('/api/saved-searches', { method: 'POST', body: { kind, q: q || undefined, filters, notify: values.notify, name: values.name?.trim() || undefined } });
      setOpen(false);
      message.success(t('saved.saved', { name: saved.name }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.details?.id) {
        setOpen(false);
        message.info(err.fromServer ? err.message : t('saved.duplicate'));
        return;
      }
      throw err;
    }
  };
  return (
    <>
      <Button size="large" icon={<BellOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('saved.button')}
      </Button>
      <FormModal<Values>
        form={form}
        open={open}
        title={t('saved.modalTitle')}
        initialValues={{ notify: 'immediate' }}
        fields={['name', 'notify']}
        onSubmit={submit}
        onClose={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">{t('saved.summary', { noun, what: describeSearch(t, names, kind, q, filters) })}</Typography.Paragraph>
        <Form.Item name="name" label={t('saved.name')} rules={[{ max: 50 }]}>
          <Input maxLength={50} placeholder={t('saved.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="notify" label={t('saved.notify')}>
          <Radio.Group>
            <Flex vertical gap={8}>
              <Radio value="immediate">
                {t('saved.notify.immediate')} <Typography.Text type="secondary">{t('saved.notify.immediateHint')}</Typography.Text>
              </Radio>
              <Radio value="daily">
                {t('saved.notify.daily')} <Typography.Text type="secondary">{t('saved.notify.dailyHint')}</Typography.Text>
              </Radio>
            </Flex>
          </Radio.Group>
        </Form.Item>
      </FormModal>
    </>
  );
}
