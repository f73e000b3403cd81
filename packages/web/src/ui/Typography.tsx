// SPDX-License-Identifier: EUPL-1.2
import { Heading as RhcHeading, Paragraph as RhcParagraph, VisuallyHidden as RhcVisuallyHidden } from '@rijkshuisstijl-community/components-react';
import type { HTMLAttributes, ReactNode, Ref } from 'react';

export type HeadingLevel = 1 | 2 | 3 | 4 | 5;

export interface HeadingProps extends HTMLAttributes<HTMLHeadingElement> {
  level: HeadingLevel;
  /** Visual size when it differs from the document level. */
  appearance?: HeadingLevel;
  ref?: Ref<HTMLHeadingElement>;
}

export function Heading({ level, appearance, ref, children, ...rest }: HeadingProps) {
  return (
    <RhcHeading {...rest} level={level} appearanceLevel={appearance ?? level} ref={ref}>
      {children}
    </RhcHeading>
  );
}

export interface ParagraphProps extends HTMLAttributes<HTMLParagraphElement> {
  lead?: boolean;
  ref?: Ref<HTMLParagraphElement>;
}

export function Paragraph({ lead, children, ref, ...rest }: ParagraphProps) {
  return (
    <RhcParagraph {...rest} ref={ref} purpose={lead ? 'lead' : undefined}>
      {children}
    </RhcParagraph>
  );
}

/** Text for screen readers only. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <RhcVisuallyHidden>{children}</RhcVisuallyHidden>;
}

/** A machine value the user may need to copy or type over (a secret, a one-time password). */
export function Code({ children }: { children: ReactNode }) {
  return <code className="zvh-code">{children}</code>;
}
