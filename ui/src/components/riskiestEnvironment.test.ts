import { describe, expect, it } from "vitest";
import { riskiestEnvironment } from "./riskiestEnvironment";

describe("riskiestEnvironment", () => {
  it("marks the window live as soon as one enabled store is live", () => {
    expect(
      riskiestEnvironment([
        { environment: "sandbox", enabled: true },
        { environment: "live", enabled: true },
        { environment: "test", enabled: true },
      ]),
    ).toBe("live");
  });
  it("ignores disabled stores and has nothing to say without stores", () => {
    expect(
      riskiestEnvironment([
        { environment: "sandbox", enabled: true },
        { environment: "live", enabled: false },
      ]),
    ).toBe("sandbox");
    expect(riskiestEnvironment([])).toBeUndefined();
  });
});
