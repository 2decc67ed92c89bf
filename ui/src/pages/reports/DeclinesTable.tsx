import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DeclineReason } from "../../api";
import { formatCount, pick } from "../../format";

/** The bank's codes of a decline as one label: `VPS-05 / 51`, or a dash. */
export function declineCode(reason: Pick<DeclineReason, "vps_code" | "host_code">): string {
  return [reason.vps_code, reason.host_code].filter((c): c is string => Boolean(c)).join(" / ") || "—";
}

interface Props {
  declines: DeclineReason[];
  loading?: boolean;
  testId: string;
  /** Rows shown per page; the rest pages on. */
  pageSize?: number;
}

/** Why the bank declined: the code, what it means in the window's language, how often. */
export function DeclinesTable({ declines, loading, testId, pageSize = 10 }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Table<DeclineReason>
      size="small"
      data-testid={testId}
      loading={loading}
      rowKey={(r) => `${r.vps_code ?? ""}|${r.host_code ?? ""}`}
      dataSource={declines}
      tableLayout="fixed"
      pagination={{ pageSize, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: t("reports.declines.none") }}
      onRow={(r) => ({ "data-testid": `${testId}-${declineCode(r)}`, "data-attempts": r.attempts, "data-payments": r.payments }) as object}
      columns={[
        {
          title: t("reports.declines.code"),
          key: "code",
          width: 110,
          render: (_, r) => <Typography.Text code>{declineCode(r)}</Typography.Text>,
        },
        {
          title: t("reports.declines.reason"),
          key: "reason",
          ellipsis: { showTitle: true },
          render: (_, r) => pick(r.text, i18n.resolvedLanguage),
        },
        { title: t("reports.declines.attempts"), key: "attempts", width: 96, align: "right", render: (_, r) => formatCount(r.attempts) },
        { title: t("reports.declines.payments"), key: "payments", width: 96, align: "right", render: (_, r) => formatCount(r.payments) },
      ]}
    />
  );
}
