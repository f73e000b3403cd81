// SPDX-License-Identifier: EUPL-1.2
// Accessible tabs (WAI-ARIA tabs pattern): a tablist of buttons with a roving tabindex; arrow
// keys, Home and End move between tabs and activate them; only the active panel is rendered.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef {
  id: string;
  label: string;
  /** Rendered only while the tab is active. */
  render: () => ReactNode;
}

export function Tabs({ label, tabs, active, onChange }: { label: string; tabs: TabDef[]; active: string; onChange: (id: string) => void }) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  if (!current) return null;

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next: number | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (index + 1) % tabs.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    const tab = tabs[next]!;
    onChange(tab.id);
    refs.current[tab.id]?.focus();
  };

  return (
    <>
      <div role="tablist" aria-label={label} className="zvh-cf-tabs">
        {tabs.map((tab, i) => {
          const selected = tab.id === current.id;
          return (
            <button
              key={tab.id}
              ref={(el) => {
                refs.current[tab.id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={`paneel-${tab.id}`}
              tabIndex={selected ? 0 : -1}
              className="zvh-cf-tab"
              onClick={() => onChange(tab.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`paneel-${current.id}`} aria-labelledby={`tab-${current.id}`} tabIndex={0} className="zvh-cf-tabpanel">
        {current.render()}
      </div>
    </>
  );
}
