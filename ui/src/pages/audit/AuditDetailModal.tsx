import { Descriptions, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditRow } from "../../api";
import { formatDateTime, pick } from "../../format";

/** The entry's facts as label/value pairs (the backend masks them); a text that is not JSON as it is. */
function facts(detail: string): [string, string][] | string {
  try {
    const value: unknown = JSON.parse(detail);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        typeof v === "string" ? v : JSON.stringify(v),
      ]);
    }
  } catch {
    // Shown as it is below.
  }
  return detail;
}

/** One entry with its details. */
export function AuditDetailModal({ row, onClose }: { row: AuditRow | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  if (!row) return null;
  const details = facts(row.detail);
  return (
    <Modal
      open
      title={t("audit.detail.title", { seq: row.seq })}
      onCancel={onClose}
      onOk={onClose}
      okText={t("audit.detail.close")}
      okButtonProps={{ "data-testid": "audit-detail-close" }}
      cancelButtonProps={{ style: { display: "none" } }}
      width={640}
      data-testid="audit-detail"
    >
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("audit.columns.at")}>{formatDateTime(row.at)}</Descriptions.Item>
        <Descriptions.Item label={t("audit.columns.user")}>{row.user_name ?? t("audit.nobody")}</Descriptions.Item>
        <Descriptions.Item label={t("audit.columns.action")}>
          {pick(row.action_text, i18n.language)} <Typography.Text type="secondary">({row.action})</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("audit.columns.store")}>{row.store ?? t("audit.nobody")}</Descriptions.Item>
        <Descriptions.Item label={t("audit.columns.object")}>{row.object || t("audit.nobody")}</Descriptions.Item>
        <Descriptions.Item label={t("audit.columns.result")}>{pick(row.result_text, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t("audit.columns.origin")}>{pick(row.origin_text, i18n.language)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("audit.detail.details")}
      </Typography.Title>
      {typeof details === "string" ? (
        <Typography.Text code data-testid="audit-detail-facts">
          {details}
        </Typography.Text>
      ) : details.length === 0 ? (
        <Typography.Text type="secondary">{t("audit.detail.noDetails")}</Typography.Text>
      ) : (
        <Descriptions size="small" column={1} bordered data-testid="audit-detail-facts">
          {details.map(([k, v]) => (
            <Descriptions.Item key={k} label={k}>
              <span style={{ wordBreak: "break-all" }}>{v}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Modal>
  );
}
