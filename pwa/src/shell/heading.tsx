import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** The screen's h1; it takes focus when the screen opens so screen readers announce it. */
export function Heading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
