/**
 * Popup and dashboard: says so when the browser refuses to store more (disk or storage quota full),
 * since new prompts and decisions can then not be recorded. Asks the background once, on opening.
 */
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../platform/request.ts';
import { t } from '../i18n.ts';

export function StorageAlert() {
  const [full, setFull] = useState(false);
  useEffect(() => {
    request('storage/check', {})
      .then(({ full: isFull }) => setFull(isFull))
      .catch(() => undefined); // no answer: nothing to say about storage
  }, []);
  return full ? (
    <p class="status error" role="alert" data-storage-full>
      {t('storageFull')}
    </p>
  ) : null;
}
