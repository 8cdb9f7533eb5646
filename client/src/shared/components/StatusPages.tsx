import { Button, Flex, Result, Spin } from 'antd';
import { useT } from '../i18n';
import { describeError } from '../api';
import { LinkButton } from './LinkButton';

function HomeButton() {
  const t = useT();
  return (
    <LinkButton type="primary" to="/">
      {t('common.backHome')}
    </LinkButton>
  );
}

/** Shown when the user is logged in but none of their roles may open the page. */
export function Forbidden() {
  const t = useT();
  return <Result status="403" title={t('status.forbidden')} subTitle={t('status.forbiddenSub')} extra={<HomeButton />} />;
}

/** Shown for any address no page claims. */
export function NotFound() {
  const t = useT();
  return <Result status="404" title={t('status.notFound')} subTitle={t('status.notFoundSub')} extra={<HomeButton />} />;
}

/** A failed load, with the reason and a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('error.loadFailed')}
      subTitle={describeError(error, t)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : (
          <HomeButton />
        )
      }
    />
  );
}

/** Centered spinner for a page or section that is still loading. */
export function PageLoading() {
  const t = useT();
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }}>
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}
