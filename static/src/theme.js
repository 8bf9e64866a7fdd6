import { useEffect, useState } from 'preact/hooks';

// Theme: "auto" follows prefers-color-scheme; an explicit choice is kept in localStorage.
const KEY = 'menshen.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');

function stored() {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'auto';
  } catch {
    return 'auto';
  }
}

const resolve = (choice) => (choice === 'auto' ? (media.matches ? 'dark' : 'light') : choice);

export function applyTheme(choice = stored()) {
  document.documentElement.dataset.theme = resolve(choice);
}

/** `[choice, resolved, setChoice]` where resolved is "light" or "dark". */
export function useTheme() {
  const [choice, setChoice] = useState(stored);
  const [system, setSystem] = useState(media.matches);
  useEffect(() => {
    const on = () => setSystem(media.matches);
    media.addEventListener('change', on);
    return () => media.removeEventListener('change', on);
  }, []);
  const resolved = choice === 'auto' ? (system ? 'dark' : 'light') : choice;
  useEffect(() => { document.documentElement.dataset.theme = resolved; }, [resolved]);
  const choose = (next) => {
    try {
      if (next === 'auto') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch { /* private mode: the choice lasts for this page only */ }
    document.documentElement.dataset.theme = resolve(next);
    setChoice(next);
  };
  return [choice, resolved, choose];
}
