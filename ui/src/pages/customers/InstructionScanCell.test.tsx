import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { CardDetail, InstructionScan, InstructionScanFile } from "../../api";
import { renderWithBackend } from "../../test/render";
import { InstructionScanCell } from "./InstructionScanCell";

const PNG_BYTES = "iVBORw0KGgo="; // the PNG signature, base64

function scan(media_type: InstructionScan["media_type"], file_name: string): InstructionScan {
  return { file_name, media_type, size: 1430, added_at: "2026-11-27T07:00:00Z", added_by: "ayse" };
}

function card(instruction_scan: InstructionScan | null): CardDetail {
  return {
    id: 7,
    masked_pan: "435509******5232",
    brand: "Visa",
    holder: null,
    expiry: "12/40",
    valid_through: "2040-12-31",
    expired: false,
    position: 0,
    instruction_date: "2026-11-02",
    instruction_ref: "TAL-1",
    instruction_scan,
  };
}

function backend(opened: InstructionScanFile | null = null) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "open_instruction_scan") return opened;
    if (cmd === "attach_instruction_scan") return scan("image/png", "talimat.png");
    if (cmd === "save_instruction_scan") return "talimat-kopya.pdf";
    if (cmd === "remove_instruction_scan") return null;
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

/** Runs a change as the customer page does. */
const run = async (change: () => Promise<unknown>) => {
  await change();
};

describe("InstructionScanCell", () => {
  const created: Blob[] = [];
  const revoked: string[] = [];
  beforeEach(() => {
    created.length = 0;
    revoked.length = 0;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return `blob:scan-${created.length}`;
    });
    URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
  });
  afterEach(() => vi.restoreAllMocks());

  it("offers only opening to a user who may not add cards", () => {
    backend();
    renderWithBackend(<InstructionScanCell card={card(scan("image/png", "imzali.png"))} mayChange={false} change={run} onError={() => {}} />);
    expect(screen.getByTestId("scan-name-0").textContent).toBe("Form: imzali.png (1,4 KB)");
    expect(screen.getByText("Talimat formunu aç")).toBeTruthy();
    expect(screen.queryByTestId("scan-attach-0")).toBeNull();
    expect(screen.queryByTestId("scan-remove-0")).toBeNull();
  });

  it("attaches a scan through the native dialog when none is attached", async () => {
    const calls = backend();
    renderWithBackend(<InstructionScanCell card={card(null)} mayChange change={run} onError={() => {}} />);
    expect(screen.getByTestId("scan-none-0").textContent).toBe("Talimat formu eklenmemiş");
    expect(screen.queryByTestId("scan-open-0")).toBeNull();
    await userEvent.click(screen.getByText("Talimat formu ekle"));
    await waitFor(() => expect(calls).toEqual([{ cmd: "attach_instruction_scan", args: { cardId: 7 } }]));
  });

  it("shows an image inline from memory and revokes its URL when the viewer closes", async () => {
    backend({ card_id: 7, masked_pan: "435509******5232", scan: scan("image/png", "imzali.png"), content: PNG_BYTES });
    renderWithBackend(<InstructionScanCell card={card(scan("image/png", "imzali.png"))} mayChange change={run} onError={() => {}} />);
    await userEvent.click(screen.getByText("Talimat formunu aç"));
    const image = (await screen.findByTestId("scan-image")) as HTMLImageElement;
    expect(image.getAttribute("src")).toBe("blob:scan-1");
    const blob = created[0] as Blob;
    expect(blob.type).toBe("image/png");
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(screen.getByText("İmzalı talimat formu — 4355 09** **** 5232")).toBeTruthy();
    expect(screen.queryByTestId("scan-save")).toBeNull();
    await userEvent.click(screen.getByTestId("scan-close"));
    await waitFor(() => expect(screen.queryByTestId("scan-image")).toBeNull());
    expect(revoked).toEqual(["blob:scan-1"]);
  });

  it("shows a PDF in the window where it can, with a copy to save", async () => {
    Object.defineProperty(navigator, "pdfViewerEnabled", { value: true, configurable: true });
    try {
      backend({ card_id: 7, masked_pan: "435509******5232", scan: scan("application/pdf", "talimat.pdf"), content: "JVBERi0=" });
      renderWithBackend(<InstructionScanCell card={card(scan("application/pdf", "talimat.pdf"))} mayChange={false} change={run} onError={() => {}} />);
      await userEvent.click(screen.getByText("Talimat formunu aç"));
      const frame = await screen.findByTestId("scan-pdf");
      expect(frame.getAttribute("src")).toBe("blob:scan-1");
      expect((created[0] as Blob).type).toBe("application/pdf");
      expect(screen.getByText("Kopyasını kaydet")).toBeTruthy();
      await userEvent.click(screen.getByTestId("scan-close"));
      await waitFor(() => expect(revoked).toEqual(["blob:scan-1"]));
    } finally {
      Object.defineProperty(navigator, "pdfViewerEnabled", { value: false, configurable: true });
    }
  });

  it("offers to save a copy of a PDF the window cannot show", async () => {
    const calls = backend({ card_id: 7, masked_pan: "435509******5232", scan: scan("application/pdf", "talimat.pdf"), content: "JVBERi0=" });
    renderWithBackend(<InstructionScanCell card={card(scan("application/pdf", "talimat.pdf"))} mayChange change={run} onError={() => {}} />);
    await userEvent.click(screen.getByText("Talimat formunu aç"));
    expect((await screen.findByTestId("scan-pdf-not-shown")).textContent).toContain("PDF dosyalarını gösteremiyor");
    await userEvent.click(screen.getByText("Kopyasını kaydet"));
    expect((await screen.findByTestId("scan-saved")).textContent).toBe("Kaydedildi: talimat-kopya.pdf");
    expect(calls.map((c) => c.cmd)).toEqual(["open_instruction_scan", "save_instruction_scan"]);
  });

  it("hands a refusal to the page", async () => {
    mockIPC(() => {
      throw { code: "permission_denied", message: "Bu işlem için yetkiniz yok.", field: null };
    });
    const onError = vi.fn();
    renderWithBackend(<InstructionScanCell card={card(scan("image/png", "imzali.png"))} mayChange={false} change={run} onError={onError} />);
    await userEvent.click(screen.getByText("Talimat formunu aç"));
    await waitFor(() => expect(onError).toHaveBeenCalled());
    expect(screen.queryByTestId("scan-viewer")).toBeNull();
  });
});
