import { Button, Descriptions, Flex, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Difference } from "../../api";
import { displayMaskedPan, formatDateTime, formatMoney, pick } from "../../format";
import { localStateLabel, txnLabel } from "./differenceTexts";

/**
 * One difference: what kind, which order, what this vault says against what the bank says
 * (amounts in Turkish money format, masked card), when it was found and how it was resolved.
 */
export function DifferenceItem({
  difference: d,
  mayResolve,
  onResolve,
}: {
  difference: Difference;
  mayResolve: boolean;
  onResolve: () => void;
}) {
  const { t, i18n } = useTranslation();
  const money = (minor: number | null) => (minor === null ? null : formatMoney(minor, d.currency ?? "TRY"));
  const here = [d.local_state ? localStateLabel(t, d.local_state) : null, money(d.local_amount_minor)].filter(Boolean).join(" · ");
  const bank = [d.bank_status, money(d.bank_amount_minor)].filter(Boolean).join(" · ");
  const resolved = d.resolved_at !== null;
  return (
    <Flex vertical gap={8} style={{ width: "100%" }} data-testid={`difference-${d.id}`} data-kind={d.kind} data-resolved={String(resolved)}>
      <Flex gap={8} align="center" wrap>
        <Tag color={resolved ? "default" : "red"}>{t(`settlement.kind.${d.kind}`)}</Tag>
        <Typography.Text strong>{txnLabel(t, d.txn_code)}</Typography.Text>
        <Typography.Text>
          {t("settlement.orderId")}: <Typography.Text copyable>{d.order_id}</Typography.Text>
        </Typography.Text>
        {d.masked_pan && <Typography.Text type="secondary">{displayMaskedPan(d.masked_pan)}</Typography.Text>}
      </Flex>
      <Typography.Text data-testid={`difference-text-${d.id}`}>{pick(d.meaning, i18n.resolvedLanguage)}</Typography.Text>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t("settlement.here")}>
          <span data-testid={`difference-here-${d.id}`}>{here || t("settlement.noRecord")}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("settlement.bank")}>
          <span data-testid={`difference-bank-${d.id}`}>{bank || t("settlement.noRecord")}</span>
        </Descriptions.Item>
      </Descriptions>
      <Flex gap={12} align="center" wrap justify="space-between">
        <Typography.Text type="secondary">
          {t("settlement.foundAt", { at: formatDateTime(d.found_at) })}
          {d.resolved_at && ` · ${t("settlement.resolvedAt", { at: formatDateTime(d.resolved_at) })}`}
        </Typography.Text>
        {!resolved && mayResolve && (
          <Button size="small" type="primary" onClick={onResolve} data-testid={`difference-resolve-${d.id}`}>
            {t("settlement.resolve")}
          </Button>
        )}
      </Flex>
      {d.resolution && (
        <Typography.Text italic data-testid={`difference-resolution-${d.id}`}>
          “{d.resolution}”
        </Typography.Text>
      )}
    </Flex>
  );
}
