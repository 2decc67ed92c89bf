import "@ant-design/v5-patch-for-react-19";
import { afterEach } from "vitest";
import { cleanup, configure } from "@testing-library/react";
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

// What a test waits for (findBy…, waitFor) may take seconds to render on a busy two-core
// machine; speed is not tested here.
configure({ asyncUtilTimeout: 10_000 });

afterEach(async () => {
  cleanup();
  clearMocks();
  localStorage.clear();
  await i18n.changeLanguage("tr");
});
