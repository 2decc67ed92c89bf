import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { DayTotals } from "../../api";
import type { ChartOption } from "../../components/Chart";
import { daysFrom, formatDate, formatMoney, formatMoneyShort, formatShortDate, monthsFrom } from "../../format";

// ECharts comes in its own chunk, loaded when a chart is first shown.
const Chart = lazy(() => import("../../components/Chart").then((m) => ({ default: m.Chart })));

/** Bar and line colours of each currency's pair; the first is the app's own. */
const COLOURS: readonly (readonly [string, string])[] = [
  ["#99d3cb", "#0f766e"],
  ["#fcd9a4", "#b45309"],
  ["#d4c7f7", "#6d28d9"],
  ["#b9d3f5", "#1d4ed8"],
];

/** A day (`2026-11-27` → `27.11.2026`) or a month (`2026-11` → `11.2026`) as the tooltip heads it. */
function periodLabel(period: string): string {
  return period.length === 7 ? formatShortDate(period) : formatDate(period);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface SeriesNames {
  due: string;
  collected: string;
}

/**
 * The chart of due (bars) and collected (a line) per day or month: one pair of series per
 * currency, never added up. `periods` are the axis' days (`YYYY-MM-DD`) or months (`YYYY-MM`),
 * every one of them, also those without payments.
 */
export function dueCollectedOption(rows: DayTotals[], periods: readonly string[], names: SeriesNames): ChartOption {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const single = currencies.length === 1 ? currencies[0] : undefined;
  const named = (name: string, currency: string) => (single ? name : `${name} (${currency})`);
  const seriesCurrency: string[] = [];
  const series: NonNullable<ChartOption["series"]> = [];
  currencies.forEach((currency, index) => {
    const [barColour, lineColour] = COLOURS[index % COLOURS.length] ?? ["#99d3cb", "#0f766e"];
    const of = new Map(rows.filter((r) => r.currency === currency).map((r) => [r.day, r]));
    series.push({
      type: "bar",
      name: named(names.due, currency),
      itemStyle: { color: barColour },
      barMaxWidth: 18,
      data: periods.map((p) => of.get(p)?.due.minor ?? 0),
    });
    series.push({
      type: "line",
      name: named(names.collected, currency),
      itemStyle: { color: lineColour },
      lineStyle: { color: lineColour, width: 2 },
      symbolSize: 5,
      data: periods.map((p) => of.get(p)?.collected.minor ?? 0),
    });
    seriesCurrency.push(currency, currency);
  });
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    legend: { top: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const head = list[0] ? escapeHtml(periodLabel(list[0].name)) : "";
        const lines = list.map((p) => {
          const currency = seriesCurrency[p.seriesIndex ?? 0] ?? "TRY";
          const marker = typeof p.marker === "string" ? p.marker : "";
          return `${marker}${escapeHtml(p.seriesName ?? "")}: <b>${escapeHtml(formatMoney(Number(p.value), currency))}</b>`;
        });
        return [head, ...lines].join("<br/>");
      },
    },
    xAxis: {
      type: "category",
      data: [...periods],
      axisLabel: { formatter: (value: string) => formatShortDate(value) },
    },
    yAxis: {
      type: "value",
      axisLabel: { formatter: (value: number) => formatMoneyShort(value, single) },
    },
    series,
  };
}

interface Props {
  rows: DayTotals[];
  /** The period drawn (`YYYY-MM-DD`), every day (or month) of it on the axis. */
  from: string;
  to: string;
  /** One point per month (`by_month`) instead of per day. */
  byMonth?: boolean;
  testId?: string;
  height?: number;
}

/** Due and collected per day (or month), drawn with ECharts, in the window's language. */
export function DueCollectedChart({ rows, from, to, byMonth = false, testId, height }: Props) {
  const { t } = useTranslation();
  const option = useMemo(
    () =>
      dueCollectedOption(rows, byMonth ? monthsFrom(from, to) : daysFrom(from, to), {
        due: t("reports.chart.due"),
        collected: t("reports.chart.collected"),
      }),
    [rows, from, to, byMonth, t],
  );
  return (
    <Suspense fallback={<div style={{ height: height ?? 280 }} />}>
      <Chart
        option={option}
        height={height}
        testId={testId}
        label={t("reports.chart.label", { from: formatDate(from), to: formatDate(to) })}
      />
    </Suspense>
  );
}
