import type { CSSProperties, ReactNode } from "react";
import { Flex, Tooltip, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import { FIGURE_STATUSES, type FigureKey, type Totals } from "../../api";
import { formatMoney, formatPercent } from "../../format";
import { useNavigation } from "../../navigation";

/** The figures a period's card shows, in order; the rate follows them. */
export const CARD_FIGURES: readonly FigureKey[] = ["due", "collected", "declined", "pending"];

/** Colours that say at a glance how a figure stands. */
function figureColour(figure: FigureKey, token: ReturnType<typeof theme.useToken>["token"]): string | undefined {
  if (figure === "collected") return token.colorSuccessText;
  if (figure === "declined") return token.colorErrorText;
  return undefined;
}

/** Opens the payments list filtered on a figure's statuses and due dates (and store). */
export function useOpenFigure() {
  const { open } = useNavigation();
  return (figure: FigureKey, from: string, to: string, storeId?: number | null) =>
    open("payments", {
      statuses: FIGURE_STATUSES[figure],
      dueFrom: from,
      dueTo: to,
      ...(storeId != null ? { storeId } : {}),
    });
}

interface TileProps {
  label: string;
  help: string;
  testId: string;
  /** Opens what the figure counts; a tile without it is not clickable. */
  onOpen?: () => void;
  children: ReactNode;
}

/**
 * One figure on a card: its name and its value per currency. A button when it opens the
 * payments behind it (click, Enter or Space).
 */
export function FigureTile({ label, help, testId, onOpen, children }: TileProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const style: CSSProperties = {
    flex: "1 1 140px",
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: 2,
    padding: "8px 12px",
    border: `1px solid ${token.colorBorderSecondary}`,
    borderRadius: token.borderRadius,
    background: token.colorBgContainer,
    textAlign: "left",
    font: "inherit",
    color: "inherit",
  };
  const body = (
    <>
      <Typography.Text type="secondary" ellipsis style={{ maxWidth: "100%" }}>
        {label}
      </Typography.Text>
      {children}
    </>
  );
  return (
    <Tooltip
      title={
        onOpen ? (
          <>
            {help}
            <br />
            {t("reports.openList")}
          </>
        ) : (
          help
        )
      }
    >
      {onOpen ? (
        <button type="button" data-testid={testId} onClick={onOpen} style={{ ...style, cursor: "pointer" }}>
          {body}
        </button>
      ) : (
        <div data-testid={testId} style={style}>
          {body}
        </div>
      )}
    </Tooltip>
  );
}

/**
 * A figure's amount and count in each currency (never added up across currencies); each line
 * carries `data-currency`, `data-count` and `data-minor` for the end-to-end tests.
 */
export function FigureAmounts({ totals, figure }: { totals: Totals[]; figure: FigureKey }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const colour = figureColour(figure, token);
  if (totals.length === 0) {
    return (
      <div data-currency="" data-count={0} data-minor={0}>
        <Typography.Text strong style={{ fontSize: 18 }}>
          —
        </Typography.Text>
        <br />
        <Typography.Text type="secondary">{t("reports.payments", { count: 0 })}</Typography.Text>
      </div>
    );
  }
  return (
    <>
      {totals.map((row) => (
        <div key={row.currency} data-currency={row.currency} data-count={row[figure].count} data-minor={row[figure].minor}>
          <Typography.Text strong style={{ fontSize: 18, color: colour, whiteSpace: "nowrap" }}>
            {formatMoney(row[figure].minor, row.currency)}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">{t("reports.payments", { count: row[figure].count })}</Typography.Text>
        </div>
      ))}
    </>
  );
}

/** The collection rate by amount in each currency (`%75,5`), with the rate by count beneath. */
export function RateValues({ totals }: { totals: Totals[] }) {
  const { t } = useTranslation();
  if (totals.length === 0) {
    return (
      <Typography.Text strong style={{ fontSize: 18 }} data-currency="" data-rate="">
        —
      </Typography.Text>
    );
  }
  return (
    <>
      {totals.map((row) => {
        const nothingDue = row.due.minor === 0;
        return (
          <div key={row.currency} data-currency={row.currency} data-rate={nothingDue ? "" : (row.rate_amount ?? "")}>
            <Typography.Text strong style={{ fontSize: 18, whiteSpace: "nowrap" }}>
              {nothingDue ? "—" : formatPercent(row.rate_amount)}
              {totals.length > 1 && <Typography.Text type="secondary"> {row.currency}</Typography.Text>}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {t("reports.rateCount", { rate: nothingDue ? "—" : formatPercent(row.rate_count) })}
            </Typography.Text>
          </div>
        );
      })}
    </>
  );
}

interface PeriodFiguresProps {
  totals: Totals[];
  from: string;
  to: string;
  storeId?: number | null;
  /** `dash-today` gives `dash-today-due`, `dash-today-collected`, ..., `dash-today-rate`. */
  testPrefix: string;
}

/** Due, collected, declined, pending and the rate of a period; each opens its payments. */
export function PeriodFigures({ totals, from, to, storeId, testPrefix }: PeriodFiguresProps) {
  const { t } = useTranslation();
  const openFigure = useOpenFigure();
  return (
    <Flex wrap gap={8}>
      {CARD_FIGURES.map((figure) => (
        <FigureTile
          key={figure}
          label={t(`reports.figure.${figure}`)}
          help={t(`reports.figureHelp.${figure}`)}
          testId={`${testPrefix}-${figure}`}
          onOpen={() => openFigure(figure, from, to, storeId)}
        >
          <FigureAmounts totals={totals} figure={figure} />
        </FigureTile>
      ))}
      <FigureTile
        label={t("reports.rate")}
        help={t("reports.rateHelp")}
        testId={`${testPrefix}-rate`}
        onOpen={() => openFigure("due", from, to, storeId)}
      >
        <RateValues totals={totals} />
      </FigureTile>
    </Flex>
  );
}
