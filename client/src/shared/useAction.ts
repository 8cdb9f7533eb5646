import { useCallback, useState } from 'react';
import { App } from 'antd';
import { describeError } from './api';
import { useT } from './i18n';

/**
 * Writes started by a button (approve, publish, mark paid…): `busy` names the one running, so its button
 * spins and the others wait; a failure is shown as a message with its reason. `run` resolves to whether
 * the work succeeded.
 */
export function useAction() {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async (key: string, work: () => Promise<unknown>): Promise<boolean> => {
      setBusy(key);
      try {
        await work();
        return true;
      } catch (caught) {
        message.error(describeError(caught, t));
        return false;
      } finally {
        setBusy(null);
      }
    },
    [message, t],
  );
  return { busy, run };
}
