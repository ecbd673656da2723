// A calm, plain message box for states that are not a comparison: not an article, paused, storage unavailable.
import type { ComponentChildren } from 'preact';
import { Heading, type Level } from './heading';

interface Props {
  title: string;
  tone?: 'info' | 'warn';
  children?: ComponentChildren;
  /** Make the title a heading of this level, where the notice is what the page is about (the popup). */
  level?: Level;
}

export function Notice({ title, tone = 'info', children, level }: Props) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'warn' ? 'alert' : 'status'}>
      {level ? <Heading level={level} class="notice-title">{title}</Heading> : <p class="notice-title">{title}</p>}
      {children}
    </div>
  );
}
