import { App, Upload, type UploadFile, type UploadProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROADSHOW_IMAGE_MAX_BYTES, ROADSHOW_IMAGE_TYPES } from '@common/schemas/roadshows.js';
import { useT } from '../../shared/i18n';
import { formatSize, type UploadedFile } from '../../shared/upload';
import { useUploadRequest } from '../../shared/components/UploadField';

export type ImageList = UploadFile<UploadedFile>[];

/** An image already stored on the server (a roadshow's cover when editing), as an Upload list entry. */
export function storedImage(id: string, name: string): UploadFile<UploadedFile> {
  const url = `/api/files/${encodeURIComponent(id)}`;
  return { uid: id, name, status: 'done', url, thumbUrl: url, response: { id, name, size: 0, mime: 'image/*' } };
}

/** The ids of the images that finished uploading, in list order. */
export const imageIds = (list: ImageList | undefined): string[] => (list ?? []).flatMap((f) => (f.status === 'done' && f.response?.id ? [f.response.id] : []));
export const imagesUploading = (list: ImageList | undefined) => (list ?? []).some((f) => f.status === 'uploading');

interface Props {
  value?: ImageList;
  onChange?: (value: ImageList) => void;
  id?: string;
  maxCount: number;
  /** The text on the add tile. */
  label: string;
  'data-testid'?: string;
}

/**
 * Pictures for `POST /api/files` (the roadshow cover, event photos): PNG, JPEG or WebP of at most 5 MB.
 * A file of another type or too large is refused here with its name and the reason, before any upload;
 * the server checks the content again and its reason (e.g. a renamed PDF) shows the same way.
 */
export function ImageUpload({ value, onChange, id, maxCount, label, 'data-testid': testId }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const list = value ?? [];
  // A failed entry stays visible with its reason but does not take a place (with one place, a new pick replaces it).
  const taken = list.filter((f) => f.status !== 'error').length;

  const beforeUpload: UploadProps<UploadedFile>['beforeUpload'] = (file) => {
    if (!(ROADSHOW_IMAGE_TYPES as readonly string[]).includes(file.type)) {
      void message.error(t('roadshow.image.notImage', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    if (file.size > ROADSHOW_IMAGE_MAX_BYTES) {
      void message.error(t('roadshow.image.tooLarge', { name: file.name, size: formatSize(file.size), max: formatSize(ROADSHOW_IMAGE_MAX_BYTES) }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest = useUploadRequest();

  return (
    <Upload<UploadedFile>
      id={id}
      data-testid={testId}
      listType="picture-card"
      fileList={list}
      onChange={({ fileList }) => onChange?.(maxCount === 1 ? fileList.slice(-1) : fileList)}
      beforeUpload={beforeUpload}
      customRequest={customRequest}
      accept={ROADSHOW_IMAGE_TYPES.join(',')}
      multiple={maxCount > 1}
      maxCount={maxCount}
    >
      {taken >= maxCount ? null : (
        <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
          <PlusOutlined aria-hidden />
          <div style={{ marginTop: 8 }}>{label}</div>
        </button>
      )}
    </Upload>
  );
}
