import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { Chart, type ChartOption } from "./Chart";

// jsdom draws nothing: the chart is checked on what it asks of ECharts.
const instance = vi.hoisted(() => ({ setOption: vi.fn<(option: ChartOption, opts: object) => void>(), resize: vi.fn(), dispose: vi.fn() }));
const init = vi.hoisted(() => vi.fn(() => instance));
vi.mock("echarts/core", async (importOriginal) => ({ ...(await importOriginal<typeof import("echarts/core")>()), init }));

const OPTION: ChartOption = { xAxis: { type: "category", data: ["a"] }, yAxis: { type: "value" }, series: [{ type: "bar", data: [1] }] };

describe("Chart", () => {
  beforeEach(() => {
    init.mockClear();
    Object.values(instance).forEach((fn) => fn.mockClear());
  });

  it("draws on its div with the options, replacing them when they change", () => {
    const { rerender } = render(<Chart option={OPTION} label="Tahsilat" testId="chart" />);
    const div = screen.getByTestId("chart");
    expect(div.getAttribute("role")).toBe("img");
    expect(div.getAttribute("aria-label")).toBe("Tahsilat");
    expect(init).toHaveBeenCalledTimes(1);
    expect(init).toHaveBeenCalledWith(div, undefined, { renderer: "svg" });
    expect(instance.setOption).toHaveBeenLastCalledWith(OPTION, { notMerge: true });

    const next: ChartOption = { ...OPTION, series: [{ type: "line", data: [2] }] };
    rerender(<Chart option={next} label="Tahsilat" testId="chart" />);
    expect(init).toHaveBeenCalledTimes(1);
    expect(instance.setOption).toHaveBeenLastCalledWith(next, { notMerge: true });
  });

  it("follows the window's size and is disposed when it goes", () => {
    const { unmount } = render(<Chart option={OPTION} label="Tahsilat" />);
    window.dispatchEvent(new Event("resize"));
    expect(instance.resize).toHaveBeenCalledTimes(1);
    unmount();
    expect(instance.dispose).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event("resize"));
    expect(instance.resize).toHaveBeenCalledTimes(1);
  });
});
