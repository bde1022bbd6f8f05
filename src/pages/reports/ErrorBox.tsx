// An error with what to do about it: a link to the settings when only they can fix it.
import { errorMessage, needsOptions, t } from '../../platform/i18n';
import type { UiError } from '../../shared/protocol';

export function ErrorBox({ error, onRetry }: { error: UiError; onRetry?: () => void }) {
  return (
    <div class="error" role="alert" data-testid="error">
      <p>{errorMessage(error)}{error.detail && error.code !== 'internal' ? ` ${error.detail}` : ''}</p>
      {needsOptions(error) && <p><a href="../options/index.html" data-testid="open-settings">{t('rpOpenSettings')}</a></p>}
      {onRetry && <button type="button" onClick={onRetry}>{t('rpRetry')}</button>}
    </div>
  );
}
