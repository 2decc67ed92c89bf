import { useState } from "react";

/**
 * A file saved through the native dialog: busy while it is written, then what was saved (null
 * when the dialog was closed) or why not.
 */
export function useSaving<T>() {
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<T | null>(null);
  const [error, setError] = useState<unknown>();
  const save = async (write: () => Promise<T | null>) => {
    setBusy(true);
    setError(undefined);
    setSaved(null);
    try {
      setSaved(await write());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, saved, error, save };
}
