// Trusted timestamps (optional, off by default): the reader names an RFC 3161 timestamping service, which then gets a
// SHA-256 hash of the articles' chain heads at most once an hour while capturing, and on export. Saving asks for the
// optional host permission of that service's origin (from the click, as the browsers require); turning it off gives
// the permission back. Shows how many tokens are kept and when the last one came.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, t } from '@/lib/platform/i18n';
import { originPattern, tsaUrlFromInput } from '@/lib/platform/settings';
import { removeHostPermission, requestHostPermission } from '@/lib/platform/host-permission';
import { openPageDb } from '@/lib/view/data';
import { formatWhen } from '@/lib/view/format';
import { stampSummary, type StampSummary } from '@/lib/store/stamps';

interface Props {
  tsaUrl: string | null;
  onChange: (tsaUrl: string | null) => Promise<void>;
}

export function Timestamps({ tsaUrl, onChange }: Props) {
  const [input, setInput] = useState(tsaUrl ?? '');
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');
  const [summary, setSummary] = useState<StampSummary | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const refresh = () => void openPageDb().then(async (opened) => opened.ok && setSummary(await stampSummary(opened.db)));
    refresh();
    // Tokens arrive while the reader reads elsewhere: count again when they come back to this page.
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [tsaUrl]);

  const save = (event: Event) => {
    event.preventDefault();
    const url = tsaUrlFromInput(input);
    if (!url) {
      setError(t('tsaInvalid'));
      field.current?.focus();
      return;
    }
    // Asked for before anything is awaited: the browsers grant a permission only from the reader's own click.
    const asked = requestHostPermission(originPattern(url));
    void asked.then(
      async (granted) => {
        if (!granted) {
          setError(t('tsaPermissionRefused'));
          return;
        }
        setError('');
        setInput(url);
        // A service replaced by another on a different origin gets no more requests: give its permission back.
        if (tsaUrl && originPattern(tsaUrl) !== originPattern(url)) await removeHostPermission(originPattern(tsaUrl));
        await onChange(url);
        setSaid(t('tsaOn', url));
      },
      (problem: unknown) => setError(String(problem)),
    );
  };
  const turnOff = async () => {
    if (tsaUrl) await removeHostPermission(originPattern(tsaUrl));
    await onChange(null);
    setInput('');
    setSaid(t('tsaTurnedOff'));
    field.current?.focus();
  };

  return (
    <>
      <p class="hint">{t('tsaExplain')}</p>
      <p class="hint">{t('tsaWhatIsSent')}</p>
      <form class="add-site" onSubmit={save} noValidate>
        <label for="tsa-input">{t('tsaLabel')}</label>
        <input
          id="tsa-input"
          ref={field}
          type="url"
          placeholder="https://"
          autoComplete="off"
          spellcheck={false}
          value={input}
          aria-invalid={error !== ''}
          aria-describedby={error ? 'tsa-error' : undefined}
          onInput={(e) => setInput(e.currentTarget.value)}
        />
        <button type="submit">{t('tsaSave')}</button>
      </form>
      {error && (
        <p id="tsa-error" class="field-error" role="alert">
          {error}
        </p>
      )}
      <p class="sr-only" role="status">
        {said}
      </p>
      {tsaUrl ? (
        <p class="tsa-state">
          <span>{t('tsaOn', tsaUrl)}</span>{' '}
          <button type="button" onClick={() => void turnOff()}>
            {t('tsaTurnOff')}
          </button>
        </p>
      ) : (
        <p class="muted">{t('tsaOff')}</p>
      )}
      {summary && (summary.count > 0 || tsaUrl) && (
        <dl class="usage" data-testid="stamps">
          <dt>{t('tsaTokens')}</dt>
          <dd>{formatNumber(summary.count)}</dd>
          <dt>{t('tsaLast')}</dt>
          <dd>{summary.stampedAt === null ? t('tsaNever') : formatWhen(summary.stampedAt)}</dd>
          {summary.error && (
            <>
              <dt>{t('tsaLastError')}</dt>
              <dd>{t('tsaErrorAt', formatWhen(summary.error.time), summary.error.message)}</dd>
            </>
          )}
        </dl>
      )}
    </>
  );
}
