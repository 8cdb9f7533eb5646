import { App, Button, Popconfirm } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { api, describeError } from '../../../shared/api';
import { useT } from '../../../shared/i18n';

/** A table row's 删除 link: asks first, sends `DELETE path`, then says `done` and calls `onDeleted` (or shows why it failed). */
export function DeleteButton({ path, confirm, description, done, onDeleted }: { path: string; confirm: string; description?: string; done: string; onDeleted: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const remove = async () => {
    try {
      await api(path, { method: 'DELETE' });
      message.success(done);
      onDeleted();
    } catch (caught) {
      message.error(describeError(caught, t));
    }
  };
  return (
    <Popconfirm title={confirm} description={description} okText={t('zadmin.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={remove}>
      <Button size="small" type="link" danger icon={<DeleteOutlined aria-hidden />}>
        {t('zadmin.delete')}
      </Button>
    </Popconfirm>
  );
}
