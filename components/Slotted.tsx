// A translated sentence with an element inside it, such as "… you can change that in the <settings link>.": the
// message holds the element's place with a marker, so each translation puts the link where its grammar wants it.
import type { ComponentChildren } from 'preact';

const MARK = '\uE000';

interface Props {
  /** The message, given the marker as the substitution that stands for the element. */
  message: (mark: string) => string;
  children: ComponentChildren;
}

export function Slotted({ message, children }: Props) {
  const [before = '', ...rest] = message(MARK).split(MARK);
  return (
    <>
      {before}
      {children}
      {rest.join('')}
    </>
  );
}
