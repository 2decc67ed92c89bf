import type { TFunction } from "i18next";
import type { CommandError, ErrorCode } from "../bindings";

/** An error from a backend call, with the stable code the texts are keyed on. */
export class ApiError extends Error {
  readonly code: ErrorCode | "unknown";

  constructor(code: ErrorCode | "unknown", detail: string) {
    super(detail);
    this.name = "ApiError";
    this.code = code;
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
  if (isCommandError(error)) return new ApiError(error.code, error.message);
  return new ApiError("unknown", error instanceof Error ? error.message : String(error));
}

/** The user's-language message for an error; the English detail stays in `error.message`. */
export function errorText(t: TFunction, error: unknown): string {
  const { code } = toApiError(error);
  return t(`errors.${code}`, { defaultValue: t("errors.internal") });
}
