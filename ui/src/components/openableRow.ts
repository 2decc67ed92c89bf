import type { KeyboardEvent } from "react";

/**
 * The props of a table row that opens something on a click, Enter or Space, and can be reached
 * with Tab (for antd's `onRow`); `extra` adds attributes such as test ids.
 */
export function openableRow(testId: string, onOpen: () => void, extra: Record<string, unknown> = {}): object {
  return {
    onClick: onOpen,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        onOpen();
      }
    },
    tabIndex: 0,
    style: { cursor: "pointer" },
    "data-testid": testId,
    ...extra,
  };
}
