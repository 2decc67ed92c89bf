/** The shortest password and vault passphrase the backend accepts. */
export const MIN_PASSWORD_LENGTH = 12;

export type PasswordRule = "length" | "match";

export interface RuleCheck {
  rule: PasswordRule;
  ok: boolean;
}

/** Counts characters as the backend does (code points, not UTF-16 units). */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

/** The password rules, each with whether the typed passwords meet it (shown as you type). */
export function checkPassword(password: string, again: string): RuleCheck[] {
  return [
    { rule: "length", ok: characterCount(password) >= MIN_PASSWORD_LENGTH },
    { rule: "match", ok: password.length > 0 && password === again },
  ];
}

export function passwordAcceptable(password: string, again: string): boolean {
  return checkPassword(password, again).every((check) => check.ok);
}
