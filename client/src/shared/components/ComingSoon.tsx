import { Result } from 'antd';
import { useT } from '../i18n';
import type { PageProps } from '../navigation';
import { LinkButton } from './LinkButton';

/** The one placeholder for every page that is routed but not built yet. */
export default function ComingSoon({ page }: PageProps) {
  const t = useT();
  return (
    <Result
      status="info"
      title={t('status.comingSoon')}
      subTitle={t('status.comingSoonSub', { page: t(page.titleKey) })}
      extra={
        <LinkButton type="primary" to="/">
          {t('common.backHome')}
        </LinkButton>
      }
    />
  );
}
