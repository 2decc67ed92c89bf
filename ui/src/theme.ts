import type { ThemeConfig } from "antd";

/** The app's teal, its darker shades (links being pointed at or pressed) and its light tints. */
const TEAL = { base: "#0f766e", hover: "#115e59", active: "#064f4b", tint: "#ccfbf1", tintHover: "#99f6e4" } as const;

/**
 * The antd theme of the whole window. Every text colour is one that reads at a contrast of at
 * least 4.5:1 (WCAG AA) on the white and light grey backgrounds antd puts it on: antd's default
 * greys for secondary texts, labels, hints and placeholders, its green and orange tag texts and
 * its success and error colours are lighter than that; the palette shades (`green7` and the
 * like) are the texts of coloured tags. antd derives the light tints of a dark seed colour as
 * greys (a selected menu entry would be teal on grey, 2.6:1), so those of the teal and the
 * green are given here.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: TEAL.base,
    colorLink: TEAL.base,
    colorLinkHover: TEAL.hover,
    colorLinkActive: TEAL.active,
    colorPrimaryBg: TEAL.tint,
    colorPrimaryBgHover: TEAL.tintHover,
    colorPrimaryBorder: TEAL.tintHover,
    colorSuccess: "#237804",
    colorSuccessBg: "#f6ffed",
    colorSuccessBgHover: "#d9f7be",
    colorSuccessBorder: "#b7eb8f",
    colorSuccessBorderHover: "#95de64",
    colorError: "#cf1322",
    colorTextSecondary: "rgba(0, 0, 0, 0.65)",
    colorTextTertiary: "rgba(0, 0, 0, 0.62)",
    colorTextDescription: "rgba(0, 0, 0, 0.62)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.58)",
    green7: "#237804",
    gold7: "#874d00",
    orange7: "#ad4e00",
    cyan7: "#006d75",
    volcano7: "#ad2102",
    lime7: "#3f6600",
  },
  components: {
    // A table's "no data" line is a message to read, not a disabled control.
    Table: { colorTextDisabled: "rgba(0, 0, 0, 0.58)" },
  },
};
