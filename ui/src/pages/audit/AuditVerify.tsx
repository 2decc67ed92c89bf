import { useState } from "react";
import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import { verifyAudit, type AuditCheck } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime, pick } from "../../format";

/** The chain's verification, on demand: how far it holds, or the first broken entry. */
export function AuditVerify() {
  const { t, i18n } = useTranslation();
  const [check, setCheck] = useState<AuditCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setCheck(await verifyAudit());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const button = (
    <Button size="small" loading={busy} onClick={() => void run()} data-testid="audit-verify">
      {t("audit.verify.button")}
    </Button>
  );
  let type: "info" | "success" | "error" = "info";
  let message = t("audit.verify.notYet");
  if (check && check.broken_at != null) {
    type = "error";
    message = t("audit.verify.broken", {
      seq: check.broken_at,
      upTo: check.verified_up_to,
      problem: check.problem ? pick(check.problem, i18n.language) : "",
    });
  } else if (check && check.entries === 0) {
    type = "success";
    message = t("audit.verify.empty");
  } else if (check) {
    type = "success";
    message = t("audit.verify.ok", { upTo: check.verified_up_to, at: formatDateTime(check.checked_at) });
  }
  return (
    <>
      <Alert
        type={type}
        showIcon
        message={message}
        action={button}
        data-testid="audit-verify-result"
        data-state={check ? (check.broken_at != null ? "broken" : "holds") : "unchecked"}
      />
      <ErrorAlert error={error} testId="audit-verify-error" />
    </>
  );
}
