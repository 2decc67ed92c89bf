import { Table, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { fetchSandboxTestCards, type TestCard } from "../../api";

/** The simulator's test cards, with what each one does (README, "Sandbox mode"). */
export function SandboxCards() {
  const { t, i18n } = useTranslation();
  const cards = useQuery({
    queryKey: ["sandbox_test_cards", i18n.resolvedLanguage],
    queryFn: fetchSandboxTestCards,
    retry: false,
  });
  const grouped = (n: string) => n.replace(/(\d{4})(?=\d)/g, "$1 ");
  return (
    <div data-testid="sandbox-cards">
      <Typography.Title level={5}>{t("stores.sandboxCardsTitle")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("stores.sandboxCardsIntro")}</Typography.Paragraph>
      <Table<TestCard>
        size="small"
        pagination={false}
        rowKey="number"
        loading={cards.isPending}
        dataSource={cards.data ?? []}
        columns={[
          {
            title: t("stores.cardNumber"),
            dataIndex: "number",
            render: (n: string) => <Typography.Text code copyable={{ text: n }}>{grouped(n)}</Typography.Text>,
          },
          { title: t("stores.hostCode"), dataIndex: "hostCode" },
          { title: t("stores.cardOutcome"), dataIndex: "outcome" },
        ]}
      />
    </div>
  );
}
