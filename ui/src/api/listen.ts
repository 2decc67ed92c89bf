/** What a generated event offers: listening until the returned function is called. */
interface Listenable<T> {
  listen(handler: (event: { payload: T }) => void): Promise<() => void>;
}

/**
 * Calls `handler` with the payload of every `event`; returns the function that stops listening
 * (also when called before listening has started).
 */
export function listenTo<T>(event: Listenable<T>, handler: (payload: T) => void): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  void event
    .listen((e) => handler(e.payload))
    .then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    })
    .catch(() => {
      // Outside the app (unit tests without an event mock) there is nothing to listen to.
    });
  return () => {
    stopped = true;
    stop?.();
  };
}
