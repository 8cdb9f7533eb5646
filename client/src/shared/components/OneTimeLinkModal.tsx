import { Alert, Button, Input, Modal, Space } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useT } from '../i18n';

export interface OneTimeLink {
  url: string;
  expiresAt: string;
}

/** Shows a one-time link (invitation or password reset) once, with a copy button; the server keeps only its hash. */
export function OneTimeLinkModal({ link, title, hint, onClose }: { link: OneTimeLink | null; title: string; hint: string; onClose: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
    } catch {
      // Clipboard refused (http or permissions): the field stays selectable by hand.
    }
  };
  return (
    <Modal open={!!link} title={title} onCancel={onClose} afterClose={() => setCopied(false)} footer={<Button onClick={onClose}>{t('common.close')}</Button>}>
      {link && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={hint.replace('{expires}', dayjs(link.expiresAt).format('YYYY-MM-DD HH:mm'))} />
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={link.url} aria-label={title} data-testid="one-time-link" onFocus={(e) => e.target.select()} />
            <Button icon={<CopyOutlined aria-hidden />} onClick={copy}>
              {copied ? t('member.copied') : t('member.copy')}
            </Button>
          </Space.Compact>
        </Space>
      )}
    </Modal>
  );
}
