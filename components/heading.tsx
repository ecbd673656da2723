// The heading level of the article headline in a comparison, so the headings under it (the article's own
// subheadings, the declared headlines) follow one level below wherever the comparison sits: under the popup's
// title the headline is the page's h1, on the history page it is an h2 under the article's h1.
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';

export type Level = 1 | 2 | 3 | 4 | 5 | 6;
export const HeadlineLevel = createContext<Level>(2);

export function useHeadlineLevel(): Level {
  return useContext(HeadlineLevel);
}

/** The level `steps` below `level`, no deeper than h6. */
export function below(level: Level, steps = 1): Level {
  return Math.min(6, level + steps) as Level;
}

export function Heading({ level, ...props }: { level: Level; class?: string; dir?: 'auto' | 'ltr' | 'rtl'; tabIndex?: number; id?: string; children?: ComponentChildren}) {
  const Tag = `h${level}` as 'h1';
  return <Tag {...props} />;
}
