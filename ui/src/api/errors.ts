import type { TFunction } from "i18next";
import type { CommandError } from "../bindings";

/**
 * An error from a backend call. `code` is stable (the UI decides what to do by it), `message`
 * is already in the user's language (the backend translates), `field` names the input at fault.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly field: string | null;

  constructor(code: string, message: string, field: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
  }
}

function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as CommandError).code === "string" &&
    typeof (value as CommandError).message === "string"
  );
}

/** Turns whatever a call rejected with into an `ApiError`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isCommandError(error)) return new ApiError(error.code, error.message, error.field ?? null);
  return new ApiError("unknown", error instanceof Error ? error.message : String(error));
}

/**
 * The message to show: the backend's own (translated) message, or for failures that never
 * reached a command (the app did not answer, a refused call) the UI's text for the code.
 */
export function errorText(t: TFunction, error: unknown): string {
  const { code, message } = toApiError(error);
  if (code !== "unknown" && message.trim() !== "") return message;
  return t(`errors.${code}`, { defaultValue: t("errors.internal") });
}
