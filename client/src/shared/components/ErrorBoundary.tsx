import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useT } from '../i18n';

function Crashed() {
  const t = useT();
  return (
    <Result
      status="500"
      title={t('status.crashed')}
      subTitle={t('status.crashedSub')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('status.reload')}
        </Button>
      }
    />
  );
}

/** Keeps a crashing page (or a chunk that failed to download) from blanking the whole app. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <Crashed /> : this.props.children;
  }
}
