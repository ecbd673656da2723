// A calm, plain message box for states that are not a comparison: not an article, paused, storage unavailable.
import type { ComponentChildren } from 'preact';

interface Props {
  title: string;
  tone?: 'info' | 'warn';
  children?: ComponentChildren;
}

export function Notice({ title, tone = 'info', children }: Props) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'warn' ? 'alert' : 'status'}>
      <p class="notice-title">{title}</p>
      {children}
    </div>
  );
}
