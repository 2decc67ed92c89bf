import { useState } from "react";
import { Alert, Button, Card, Descriptions, Flex, Spin, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  ASKABLE_STATES,
  ATTENTION_KEY,
  PAYMENTS_KEY,
  REPORTS_KEY,
  SETTLEMENT_KEY,
  askBank,
  can,
  closeNotCharged,
  sendAgain,
  toApiError,
  useReviewState,
  voidPayment,
  type ReversalOutcome,
  type ReviewState,
} from "../../api";
import { AttemptStateTag } from "../../components/StatusTag";
import { ConfirmModal } from "../../components/ConfirmModal";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime } from "../../format";
import { useSession } from "../../session";
import { nextCheckText, reviewOutcome, reviewReasons, type ReviewOutcome } from "./reviewTexts";

type Action = "ask" | "sendAgain" | "close" | "void";

/**
 * "Review with the bank": why an attempt's outcome is not known, whether the bank has confirmed
 * twice that it has no such order (and when the engine asks again by itself), and the ways
 * out the user's permissions and the attempt's state allow, each confirmed first.
 */
export function ReviewPanel({
  attemptId,
  storeId,
  onOutcome,
  onVoided,
}: {
  attemptId: number;
  storeId: number;
  onOutcome: (outcome: ReviewOutcome) => void;
  onVoided: (reversal: ReversalOutcome) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const review = useReviewState(attemptId);
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (review.isPending) return <Spin />;
  if (review.error || !review.data) return <ErrorAlert error={review.error} testId="review-error" />;
  const r = review.data;
  const mayAct = can(session, "submit_provisions", storeId);
  const mayVoid = r.suspicious && can(session, "void", storeId);
  const next = nextCheckText(t, r);

  const run = async (action: Action) => {
    setBusy(true);
    setError(null);
    try {
      if (action === "void") {
        onVoided(await voidPayment(attemptId));
      } else {
        const work: Record<Exclude<Action, "void">, (id: number) => Promise<ReviewState>> = {
          ask: askBank,
          sendAgain,
          close: closeNotCharged,
        };
        const after = await work[action](attemptId);
        client.setQueryData([...PAYMENTS_KEY, "review", attemptId], after);
        onOutcome(reviewOutcome(t, after));
      }
      setConfirming(null);
    } catch (e) {
      setError(toApiError(e));
      setConfirming(null);
    } finally {
      setBusy(false);
      await client.invalidateQueries({ queryKey: PAYMENTS_KEY });
      await client.invalidateQueries({ queryKey: ATTENTION_KEY });
      await client.invalidateQueries({ queryKey: SETTLEMENT_KEY });
      await client.invalidateQueries({ queryKey: REPORTS_KEY });
    }
  };

  const confirmTexts: Record<Action, { ok: string; text: string; danger: boolean }> = {
    ask: { ok: t("review.ask"), text: t("review.askConfirm", { orderId: r.order_id }), danger: false },
    sendAgain: { ok: t("review.sendAgain"), text: t("review.sendAgainConfirm", { orderId: r.order_id }), danger: false },
    close: { ok: t("review.close"), text: t("review.closeConfirm"), danger: false },
    void: { ok: t("review.void"), text: t("review.voidConfirm"), danger: true },
  };

  return (
    <Card
      size="small"
      title={t("review.title")}
      data-testid="review-panel"
      data-state={r.state}
      data-confirmed={String(r.not_found_confirmed)}
      styles={{ header: { background: "#fff7e6" } }}
    >
      <Flex vertical gap={12}>
        <div data-testid="review-why">
          {reviewReasons(t, r).map((line) => (
            <Typography.Paragraph key={line} style={{ marginBottom: 4 }}>
              {line}
            </Typography.Paragraph>
          ))}
          {next && (
            <Typography.Text type="secondary" data-testid="review-next-check">
              {next}
            </Typography.Text>
          )}
        </div>
        <Descriptions size="small" column={1} bordered styles={{ label: { width: "45%" } }}>
          <Descriptions.Item label={t("review.orderId")}>
            <Typography.Text copyable data-testid="review-order-id">
              {r.order_id}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("review.state")}>
            <AttemptStateTag state={r.state} testId="review-state" />
          </Descriptions.Item>
          {/* A suspicious booking is at the bank: whether it has no such order does not arise. */}
          {!r.suspicious && (
            <Descriptions.Item label={t("review.confirmedLabel")}>
              <span data-testid="review-confirmed">{r.not_found_confirmed ? t("review.confirmedYes") : t("review.confirmedNo")}</span>
            </Descriptions.Item>
          )}
          {!r.suspicious && (
            <Descriptions.Item label={t("review.firstNotFound")}>{r.not_found_at ? formatDateTime(r.not_found_at) : "—"}</Descriptions.Item>
          )}
        </Descriptions>
        {r.reason && (
          <Typography.Text type="secondary" data-testid="review-engine-note">
            {t("review.engineNote")}: {r.reason}
          </Typography.Text>
        )}
        {mayAct || mayVoid ? (
          <Flex gap={8} wrap data-testid="review-actions">
            {mayAct && ASKABLE_STATES.includes(r.state) && (
              <Button
                type={r.not_found_confirmed || r.suspicious ? "default" : "primary"}
                loading={busy}
                onClick={() => setConfirming("ask")}
                data-testid="review-ask"
              >
                {t("review.ask")}
              </Button>
            )}
            {mayAct && !r.suspicious && (
              <>
                <Button disabled={!r.can_send_again} loading={busy} onClick={() => setConfirming("sendAgain")} data-testid="review-send-again">
                  {t("review.sendAgain")}
                </Button>
                <Button disabled={!r.can_close} loading={busy} onClick={() => setConfirming("close")} data-testid="review-close">
                  {t("review.close")}
                </Button>
              </>
            )}
            {mayVoid && (
              <Button danger loading={busy} onClick={() => setConfirming("void")} data-testid="review-void">
                {t("review.void")}
              </Button>
            )}
          </Flex>
        ) : (
          <Alert type="info" showIcon message={t("review.noPermission")} data-testid="review-no-permission" />
        )}
        {mayAct && !r.suspicious && !r.not_found_confirmed && (
          <Typography.Text type="secondary" data-testid="review-needs-confirmation">
            {t("review.needsConfirmation")}
          </Typography.Text>
        )}
        <ErrorAlert error={error} testId="review-action-error" />
      </Flex>
      <ConfirmModal
        open={confirming !== null}
        title={t("review.confirmTitle")}
        text={confirming ? confirmTexts[confirming].text : ""}
        okText={confirming ? confirmTexts[confirming].ok : ""}
        cancelText={t("review.cancel")}
        danger={confirming ? confirmTexts[confirming].danger : false}
        busy={busy}
        testId="review-confirm"
        onOk={() => confirming && void run(confirming)}
        onCancel={() => setConfirming(null)}
      />
    </Card>
  );
}
