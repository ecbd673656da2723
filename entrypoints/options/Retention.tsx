// How long history is kept: forever (the default), one of the usual periods, or any number of days.
import { useState } from 'preact/hooks';
import { t, tn } from '@/lib/platform/i18n';

const PRESETS = [30, 90, 365];
const MAX_DAYS = 36_500;

interface Props {
  days: number | null;
  onChange: (days: number | null) => void;
}

export function Retention({ days, onChange }: Props) {
  const preset = days === null ? 'forever' : PRESETS.includes(days) ? String(days) : 'custom';
  const [custom, setCustom] = useState(preset === 'custom');
  const choice = custom ? 'custom' : preset;
  const pick = (value: string) => {
    setCustom(value === 'custom');
    if (value === 'forever') onChange(null);
    else if (value !== 'custom') onChange(Number(value));
  };
  return (
    <div class="retention">
      <label for="retention">{t('retentionLabel')}</label>
      <select id="retention" value={choice} onChange={(e) => pick(e.currentTarget.value)}>
        <option value="forever">{t('retentionForever')}</option>
        {PRESETS.map((n) => (
          <option key={n} value={String(n)}>
            {tn('retentionDays', n)}
          </option>
        ))}
        <option value="custom">{t('retentionCustom')}</option>
      </select>
      {choice === 'custom' && (
        <label class="days">
          <input
            type="number"
            min={1}
            max={MAX_DAYS}
            step={1}
            value={days ?? ''}
            onChange={(e) => {
              const n = Math.floor(Number(e.currentTarget.value));
              if (Number.isFinite(n) && n >= 1 && n <= MAX_DAYS) onChange(n);
            }}
          />{' '}
          {t('retentionDaysUnit')}
        </label>
      )}
    </div>
  );
}
