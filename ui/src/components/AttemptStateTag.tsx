import { Tag } from "antd";
import { useTranslation } from "react-i18next";

/**
 * Colour per attempt state: green approved, red declined, orange while the bank's answer is not
 * known, blue on its way, grey for what never reached the bank (not sent yet, or withdrawn for
 * good).
 */
export const ATTEMPT_STATE_COLOURS: Record<string, string> = {
  approved: "green",
  declined: "red",
  unknown: "orange",
  manual_review: "orange",
  not_found: "orange",
  not_sent: "gray",
  withdrawn: "default",
  in_flight: "blue",
  planned: "blue",
};

/** The colour of a state's dot on a timeline (which has no neutral "default"). */
export function timelineColour(state: string): string {
  const colour = ATTEMPT_STATE_COLOURS[state];
  return !colour || colour === "default" ? "gray" : colour;
}

/** An attempt's (or a void's, a refund's) state in colour and words. */
export function AttemptStateTag({ state, testId }: { state: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={ATTEMPT_STATE_COLOURS[state] ?? "default"} data-testid={testId} data-state={state}>
      {t(`payments.detail.state.${state}`, { defaultValue: state })}
    </Tag>
  );
}
