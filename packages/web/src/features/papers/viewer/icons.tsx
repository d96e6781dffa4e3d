import type { ReactNode } from 'react';

/** The toolbar's icons: drawn lines in the text colour, hidden from assistive technology (the buttons are labelled). */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const IconUp = () => (
  <Icon>
    <path d="M6 15l6-6 6 6" />
  </Icon>
);

export const IconDown = () => (
  <Icon>
    <path d="M6 9l6 6 6-6" />
  </Icon>
);

export const IconPlus = () => (
  <Icon>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);

export const IconMinus = () => (
  <Icon>
    <path d="M5 12h14" />
  </Icon>
);

export const IconFitWidth = () => (
  <Icon>
    <path d="M4 4v16M20 4v16M8 12h8M10 9l-3 3 3 3M14 9l3 3-3 3" />
  </Icon>
);

export const IconSidebar = () => (
  <Icon>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M9 4v16" />
  </Icon>
);
