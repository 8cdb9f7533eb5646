import { App, Button, Upload, type UploadFile, type UploadProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { describeError } from '../api';
import { useT } from '../i18n';
import { UPLOAD_ACCEPT, uploadFile, type UploadedFile } from '../upload';

/** A file already stored on the server, as an Upload list entry. */
export function toUploadFile(file: UploadedFile): UploadFile<UploadedFile> {
  return {
    uid: file.id,
    name: file.name,
    size: file.size,
    type: file.mime,
    status: 'done',
    url: `/api/files/${encodeURIComponent(file.id)}`,
    response: { id: file.id, name: file.name, size: file.size, mime: file.mime },
  };
}

/** The ids of the files that finished uploading, in list order. */
export function uploadedIds(list: UploadFile<UploadedFile>[] | undefined): string[] {
  return (list ?? []).flatMap((file) => (file.status === 'done' && file.response?.id ? [file.response.id] : []));
}

export const isUploading = (list: UploadFile[] | undefined) => (list ?? []).some((file) => file.status === 'uploading');

interface Props {
  value?: UploadFile<UploadedFile>[];
  onChange?: (value: UploadFile<UploadedFile>[]) => void;
  id?: string;
  disabled?: boolean;
  maxCount: number;
  /** The upload button's text. */
  label: string;
}

/**
 * The upload of an antd `Upload` through the files API, with progress; a failure shows its reason in a message
 * and on the failed entry. Shared by every upload widget.
 */
export function useUploadRequest(): UploadProps<UploadedFile>['customRequest'] {
  const t = useT();
  const { message } = App.useApp();
  return ({ file, onProgress, onSuccess, onError }) => {
    const { promise, abort } = uploadFile(file as File, (percent) => onProgress?.({ percent }));
    promise.then(
      (uploaded) => onSuccess?.(uploaded),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        const text = describeError(error, t);
        message.error(t('common.uploadFailed', { name: (file as File).name, reason: text }));
        // The list shows `error.message` on the failed entry: the server's reason, not a generic text.
        onError?.(new Error(text));
      },
    );
    return { abort };
  };
}

/**
 * Files for `POST /api/files`: each file uploads on its own with a progress bar; the server's
 * reason (too large, type not accepted) shows as a message and on the failed entry. The form
 * keeps the list; `uploadedIds` gives what to send with it.
 */
export function UploadField({ value, onChange, id, disabled, maxCount, label }: Props) {
  const customRequest = useUploadRequest();

  return (
    <Upload<UploadedFile>
      id={id}
      fileList={value ?? []}
      onChange={({ fileList }) => onChange?.(fileList)}
      customRequest={customRequest}
      accept={UPLOAD_ACCEPT}
      multiple
      maxCount={maxCount}
      disabled={disabled}
    >
      <Button icon={<UploadOutlined aria-hidden />} disabled={disabled || (value?.length ?? 0) >= maxCount}>
        {label}
      </Button>
    </Upload>
  );
}
