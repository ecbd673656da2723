// The verify page: pick or drop an exported file, and see whether it is intact (how many articles and versions, which
// key signed it, its trusted timestamps) or where it was changed. The file is read in this page and never sent.
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatNumber, t, tn } from '@/lib/platform/i18n';
import { HISTORY_PAGE } from '@/lib/view/list';
import { brokenWhere, check, fileArticles, verdictText, type FileArticle, type VerifyResult } from './check';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; name: string }
  | { kind: 'done'; name: string; result: VerifyResult; articles: FileArticle[] }
  | { kind: 'unreadable'; message: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function verdictLine(state: State): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'busy':
      return t('verifyBusy', state.name);
    case 'unreadable':
      return t('verifyReadFailed', state.message);
    case 'done':
      return verdictText(state.result);
  }
}

function Verified({ result, articles }: { result: Extract<VerifyResult, { ok: true }>; articles: FileArticle[] }) {
  const more = result.articles - articles.length;
  return (
    <>
      <section aria-labelledby="file-articles">
        <h2 id="file-articles">{t('verifyArticlesHeading')}</h2>
        <div class="table-wrap">
          <table class="file-articles">
            <thead>
              <tr>
                <th scope="col">{t('verifyColArticle')}</th>
                <th scope="col">{t('verifyColVersions')}</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((a, i) => (
                <tr key={i}>
                  <td>
                    <span class="article-text" dir="auto">{a.headline}</span>
                    <br />
                    <code class="key">{a.key}</code>
                  </td>
                  <td class="count">{formatNumber(a.versions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {more > 0 && <p class="note">{tn('verifyMore', more)}</p>}
      </section>
      <section aria-labelledby="timestamps">
        <h2 id="timestamps">{t('verifyTimestamps')}</h2>
        {result.timestamps.length === 0 ? (
          <p>{t('verifyNoTimestamps')}</p>
        ) : (
          <ul class="timestamps">
            {result.timestamps.map((stamp, i) => (
              <li key={i} class={stamp.ok ? 'stamp-ok' : 'stamp-bad'}>
                {stamp.ok
                  ? t('verifyTimestampOk', stamp.tsa ?? t('verifyUnknownTsa'), stamp.genTime ?? '')
                  : t('verifyTimestampBad', stamp.problem ?? '')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Broken({ result }: { result: Extract<VerifyResult, { ok: false }> }) {
  return (
    <div class="broken">
      <p>{brokenWhere(result)}</p>
      <p class="problem">{result.problem}</p>
    </div>
  );
}

export function VerifyApp() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const busy = useRef(false);
  const input = useRef<HTMLInputElement>(null);

  const verify = async (file: File) => {
    if (busy.current) return;
    busy.current = true;
    setState({ kind: 'busy', name: file.name });
    try {
      const text = await file.text();
      const result = await check(text);
      setState({ kind: 'done', name: file.name, result, articles: result.ok ? fileArticles(text) : [] });
    } catch (error) {
      setState({ kind: 'unreadable', message: message(error) });
    } finally {
      busy.current = false;
      if (input.current) input.current.value = '';
    }
  };

  // A file dropped anywhere on the page is checked; without this the browser would open it instead.
  useEffect(() => {
    const over = (event: DragEvent) => event.preventDefault();
    const drop = (event: DragEvent) => {
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (file) void verify(file);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('drop', drop);
    };
  }, []);

  const line = verdictLine(state);
  const tone = state.kind === 'done' ? (state.result.ok ? 'verdict-ok' : 'verdict-broken') : '';
  return (
    <main class="verify" aria-busy={state.kind === 'busy'}>
      <p class="brand">{t('extName')}</p>
      <h1>{t('verifyHeading')}</h1>
      <p>{t('verifyIntro')}</p>
      <p class="local">{t('verifyLocal')}</p>
      <div class="verify-pick">
        <label for="verify-file">{t('verifyPick')}</label>
        <input
          ref={input}
          id="verify-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void verify(file);
          }}
        />
        <p class="hint">{t('verifyDrop')}</p>
      </div>
      <p class={`verdict ${tone}`} role="status" id="verdict">
        {line}
      </p>
      {state.kind === 'done' && (
        <>
          <p class="note">{t('verifyFileName', state.name)}</p>
          {state.result.ok ? <Verified result={state.result} articles={state.articles} /> : <Broken result={state.result} />}
        </>
      )}
      <p class="foot">
        <a href={browser.runtime.getURL(HISTORY_PAGE)}>{t('allTrackedArticles')}</a>
      </p>
    </main>
  );
}
