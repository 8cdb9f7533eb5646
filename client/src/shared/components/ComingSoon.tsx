import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';
import type { PageProps } from '../navigation';

/** The one placeholder for every page that is routed but not built yet. */
export default function ComingSoon({ page }: PageProps) {
  const t = useT();
  return (
    <Result
      status="info"
      title={t('status.comingSoon')}
      subTitle={t('status.comingSoonSub', { page: t(page.titleKey) })}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
