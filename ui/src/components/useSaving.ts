import { useState } from "react";
import { useAttempt } from "./useAttempt";

/**
 * A file saved through the native dialog: busy while it is written, then what was saved (null
 * when the dialog was closed) or why not.
 */
export function useSaving<T>() {
  const { busy, error, attempt } = useAttempt();
  const [saved, setSaved] = useState<T | null>(null);
  const save = (write: () => Promise<T | null>) =>
    attempt(async () => {
      setSaved(null);
      setSaved(await write());
    });
  return { busy, saved, error, save };
}
