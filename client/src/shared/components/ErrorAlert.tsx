import { Alert, Button } from 'antd';
import { describeError } from '../api';
import { useT } from '../i18n';

/** A load failure as an inline alert with a retry button. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('common.withReason', { what: title ?? t('error.loadFailed'), reason: describeError(error, t) })}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
