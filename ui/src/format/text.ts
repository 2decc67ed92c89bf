import type { Text } from "../api";

/**
 * A sentence the backend sends in both languages (`{ tr, en }`), in the user's language:
 * English when the language is `en`, Turkish (the default) otherwise.
 */
export function pick(text: Text, language: string | undefined): string {
  return language === "en" ? text.en : text.tr;
}
