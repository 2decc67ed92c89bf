import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { StepState } from "../api";

/**
 * Colour per attempt (or void, refund, capture) state: green approved, red declined, orange
 * while the bank's answer is not known, blue on its way, grey for what never reached the bank
 * (not sent yet, withdrawn for good) and for a follow-up still waiting or closed with nothing
 * to do.
 */
export const ATTEMPT_STATE_COLOURS: Record<StepState, string> = {
  approved: "green",
  declined: "red",
  unknown: "orange",
  manual_review: "orange",
  not_found: "orange",
  not_sent: "gray",
  withdrawn: "default",
  in_flight: "blue",
  planned: "blue",
  requested: "default",
  closed: "default",
};

/** The colour of a state's dot on a timeline (which has no neutral "default"). */
export function timelineColour(state: StepState): string {
  const colour = ATTEMPT_STATE_COLOURS[state];
  return colour === "default" ? "gray" : colour;
}

/** An attempt's (or a void's, a refund's, a capture's) state in colour and words. */
export function AttemptStateTag({ state, testId }: { state: StepState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={ATTEMPT_STATE_COLOURS[state]} data-testid={testId} data-state={state}>
      {t(`payments.detail.state.${state}`, { defaultValue: state })}
    </Tag>
  );
}
