import { Table, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { fetchSandboxTestCards, type TestCard } from "../../api";
import { pick } from "../../format";

/** The simulator's test cards, with what each one does (README, "Sandbox mode"). */
export function SandboxCards() {
  const { t, i18n } = useTranslation();
  const cards = useQuery({
    queryKey: ["sandbox_test_cards"],
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
            key: "number",
            render: (_, card) => (
              <Typography.Text code copyable={{ text: card.number }}>
                {grouped(card.number)}
              </Typography.Text>
            ),
          },
          { title: t("stores.hostCode"), key: "host_code", render: (_, card) => card.host_code },
          { title: t("stores.cardOutcome"), key: "outcome", render: (_, card) => pick(card.outcome, i18n.resolvedLanguage) },
        ]}
      />
    </div>
  );
}
