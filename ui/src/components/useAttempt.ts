import { useState } from "react";

/**
 * Work a form starts on the backend: busy while it runs, then why it failed, if it did
 * (`onError` sees the failure first).
 */
export function useAttempt() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const attempt = async (work: () => Promise<void>, onError?: (failure: unknown) => void) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      onError?.(failure);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, attempt };
}
