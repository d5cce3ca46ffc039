/**
 * Opened once this process's channels have set their senders. The report workers start with the report
 * side, before the channels; their deliveries wait here, so an alert left waiting while the service was
 * down is sent once its channel is up rather than given up as having no sender.
 */
export interface SendersGate {
  readonly ready: Promise<void>;
  open(): void;
  /** The process stops before its channels started: waiting deliveries fail, and their jobs are retried. */
  close(): void;
}

export function sendersGate(): SendersGate {
  let open: () => void = () => undefined;
  let fail: (err: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  // Nobody may be waiting when it fails.
  ready.catch(() => undefined);
  return {
    ready,
    open: () => open(),
    close: () => fail(new Error('the service stopped before its channels started')),
  };
}
