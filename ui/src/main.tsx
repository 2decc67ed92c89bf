// antd 5 renders its pop-ups and wave effects through React 19 only with this patch.
import "@ant-design/v5-patch-for-react-19";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { storedLanguage } from "./i18n";
import { setBackendLanguage } from "./api";
import { App } from "./App";
import "./layout.css";

const queryClient = new QueryClient();

// Messages from the backend come in the language the texts are shown in.
void setBackendLanguage(storedLanguage()).catch(() => undefined);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
