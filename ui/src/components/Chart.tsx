import { useEffect, useRef } from "react";
import { init, use as install, type ComposeOption, type EChartsType } from "echarts/core";
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

// Only what the app draws, so the bundle carries no more of ECharts than that.
install([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

/** The options a chart of the app may have: bars and lines on a grid, a tooltip and a legend. */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

export interface ChartProps {
  option: ChartOption;
  /** Height in pixels; the width follows the container. */
  height?: number;
  /** What the chart shows, for screen readers (the figures are in the tables beside it). */
  label: string;
  testId?: string;
}

/**
 * An ECharts chart on a div: made when mounted, given the options whenever they change, resized
 * with the window (and its container) and disposed when unmounted.
 */
export function Chart({ option, height = 280, label, testId }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const div = element.current;
    if (!div) return;
    const instance = init(div, undefined, { renderer: "svg" });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener("resize", resize);
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(resize);
    observer?.observe(div);
    return () => {
      window.removeEventListener("resize", resize);
      observer?.disconnect();
      chart.current = null;
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    // Replaced, not merged: a currency that is gone must not leave its series behind.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} role="img" aria-label={label} data-testid={testId} style={{ width: "100%", height }} />;
}
