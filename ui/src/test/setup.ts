import "@ant-design/v5-patch-for-react-19";
import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import i18n from "../i18n";

// jsdom lacks these browser APIs that Ant Design's layout code reads.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

afterEach(async () => {
  cleanup();
  clearMocks();
  localStorage.clear();
  await i18n.changeLanguage("tr");
});
