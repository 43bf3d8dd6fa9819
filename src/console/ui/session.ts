/**
 * The master key lives in sessionStorage: it survives a reload but not closing the tab, is never
 * written to a URL, a cookie or localStorage, and is sent only as a Bearer header to this origin.
 */
const STORAGE_KEY = 'switchyard.master-key';

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the user signs in again after a reload
  }
}

export function storeKey(key: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, key);
  } catch {
    // Still signed in for this page's lifetime through the in-memory client.
  }
}

export function forgetKey(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}
