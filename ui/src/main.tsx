import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { storedLanguage } from "./i18n";
import { setBackendLanguage } from "./api";
import { App } from "./App";

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
