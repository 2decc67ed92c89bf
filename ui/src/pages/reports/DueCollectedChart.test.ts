import { describe, expect, it } from "vitest";
import type { DayTotals } from "../../api";
import { dueCollectedOption } from "./DueCollectedChart";

const NAMES = { due: "Vadesi gelen", collected: "Tahsil edilen" };

function day(day: string, currency: string, due: number, collected: number): DayTotals {
  return { day, currency, due: { count: 1, minor: due }, collected: { count: 1, minor: collected } };
}

/** Calls an option's formatter (ECharts' types give it as a string or a function). */
function call<A extends unknown[]>(formatter: unknown, ...args: A): string {
  if (typeof formatter !== "function") throw new Error("no formatter");
  return String(formatter(...args));
}

describe("dueCollectedOption", () => {
  it("puts every day on the axis, zero where nothing was due", () => {
    const option = dueCollectedOption([day("2026-11-02", "TRY", 150000, 100000)], ["2026-11-01", "2026-11-02", "2026-11-03"], NAMES);
    expect(option.series).toEqual([
      expect.objectContaining({ type: "bar", name: "Vadesi gelen", data: [0, 150000, 0] }),
      expect.objectContaining({ type: "line", name: "Tahsil edilen", data: [0, 100000, 0] }),
    ]);
  });

  it("labels the axes and the tooltip the Turkish way", () => {
    const option = dueCollectedOption([day("2026-11-02", "TRY", 150000, 100050)], ["2026-11-02"], NAMES);
    const xAxis = Array.isArray(option.xAxis) ? option.xAxis[0] : option.xAxis;
    const yAxis = Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis;
    expect(call(xAxis?.axisLabel?.formatter, "2026-11-02")).toBe("02.11");
    expect(call(yAxis?.axisLabel?.formatter, 150000)).toBe("1.500 ₺");
    const tooltip = Array.isArray(option.tooltip) ? option.tooltip[0] : option.tooltip;
    const html = call(tooltip?.formatter, [
      { name: "2026-11-02", seriesIndex: 0, seriesName: "Vadesi gelen", value: 150000, marker: "" },
      { name: "2026-11-02", seriesIndex: 1, seriesName: "Tahsil edilen", value: 100050, marker: "" },
    ]);
    expect(html).toBe("02.11.2026<br/>Vadesi gelen: <b>1.500,00 ₺</b><br/>Tahsil edilen: <b>1.000,50 ₺</b>");
  });

  it("draws one pair of series per currency, never adding them up", () => {
    const option = dueCollectedOption(
      [day("2026-11-02", "TRY", 150000, 100000), day("2026-11-02", "EUR", 5000, 5000)],
      ["2026-11-02"],
      NAMES,
    );
    expect(option.series).toEqual([
      expect.objectContaining({ name: "Vadesi gelen (EUR)", data: [5000] }),
      expect.objectContaining({ name: "Tahsil edilen (EUR)", data: [5000] }),
      expect.objectContaining({ name: "Vadesi gelen (TRY)", data: [150000] }),
      expect.objectContaining({ name: "Tahsil edilen (TRY)", data: [100000] }),
    ]);
    const yAxis = Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis;
    // Two currencies share the axis: no symbol on it.
    expect(call(yAxis?.axisLabel?.formatter, 150000)).toBe("1.500");
  });
});
