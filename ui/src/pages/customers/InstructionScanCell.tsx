import { useEffect, useRef, useState } from "react";
import { Alert, Button, Flex, Modal, Popconfirm, Typography } from "antd";
import { useTranslation } from "react-i18next";
import {
  attachInstructionScan,
  openInstructionScan,
  removeInstructionScan,
  saveInstructionScan,
  scanBlob,
  type CardDetail,
  type InstructionScanFile,
} from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSaving } from "../../components/useSaving";
import { displayMaskedPan, formatDateTime, formatFileSize } from "../../format";

/** An opened scan and the object URL its bytes are shown through (revoked when closed). */
type Opened = { file: InstructionScanFile; url: string };

/** Whether the window shows PDFs itself (WebKitGTK does not: the viewer then offers a copy). */
function showsPdf(): boolean {
  return (navigator as Navigator & { pdfViewerEnabled?: boolean }).pdfViewerEnabled === true;
}

/**
 * A card's scan of its signed instruction: its name and size with "open" (every opening is
 * audited), and, for users who may add cards, attach, replace and remove. `change` runs a
 * change and refreshes the customer (its errors shown with the card's).
 */
export function InstructionScanCell({
  card,
  mayChange,
  change,
  onError,
}: {
  card: CardDetail;
  mayChange: boolean;
  change: (run: () => Promise<unknown>) => Promise<void>;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [opening, setOpening] = useState(false);
  const url = useRef<string | null>(null);
  const scan = card.instruction_scan;
  const at = card.position;

  // The object URL goes with the viewer, or with the page if it is left open.
  useEffect(
    () => () => {
      if (url.current) URL.revokeObjectURL(url.current);
    },
    [],
  );

  const open = async () => {
    setOpening(true);
    try {
      const file = await openInstructionScan(card.id);
      url.current = URL.createObjectURL(scanBlob(file));
      setOpened({ file, url: url.current });
    } catch (e) {
      onError(e);
    } finally {
      setOpening(false);
    }
  };
  const close = () => {
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = null;
    setOpened(null);
  };

  return (
    <Flex vertical gap={4} align="flex-start">
      {scan ? (
        <Typography.Text data-testid={`scan-name-${at}`} title={t("customers.scan.added", { user: scan.added_by, at: formatDateTime(scan.added_at) })}>
          {t("customers.scan.file", { name: scan.file_name, size: formatFileSize(scan.size) })}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary" data-testid={`scan-none-${at}`}>
          {t("customers.scan.none")}
        </Typography.Text>
      )}
      <Flex gap={4} wrap>
        {scan && (
          <Button size="small" loading={opening} onClick={() => void open()} data-testid={`scan-open-${at}`}>
            {t("customers.scan.open")}
          </Button>
        )}
        {mayChange && (
          <Button size="small" onClick={() => void change(() => attachInstructionScan(card.id))} data-testid={`scan-attach-${at}`}>
            {scan ? t("customers.scan.replace") : t("customers.scan.attach")}
          </Button>
        )}
        {mayChange && scan && (
          <Popconfirm
            title={t("customers.scan.removeConfirm", { name: scan.file_name })}
            okText={t("customers.scan.remove")}
            cancelText={t("customers.detail.cancel")}
            okButtonProps={{ danger: true, "data-testid": "scan-remove-ok" }}
            onConfirm={() => change(() => removeInstructionScan(card.id))}
          >
            <Button size="small" danger data-testid={`scan-remove-${at}`}>
              {t("customers.scan.remove")}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {opened && <ScanViewer cardId={card.id} opened={opened} onClose={close} />}
    </Flex>
  );
}

/** The opened scan in a modal: an image inline, a PDF in the window or, where it shows none, a copy to save. */
function ScanViewer({ cardId, opened, onClose }: { cardId: number; opened: Opened; onClose: () => void }) {
  const { t } = useTranslation();
  const { busy, saved, error, save } = useSaving<string>();
  const { file, url } = opened;
  const pdf = file.scan.media_type === "application/pdf";
  return (
    <Modal
      open
      width={880}
      title={t("customers.scan.viewerTitle", { pan: displayMaskedPan(file.masked_pan) })}
      onCancel={onClose}
      footer={
        <Flex gap={8} justify="end">
          {pdf && (
            <Button loading={busy} onClick={() => void save(() => saveInstructionScan(cardId))} data-testid="scan-save">
              {t("customers.scan.saveCopy")}
            </Button>
          )}
          <Button type="primary" onClick={onClose} data-testid="scan-close">
            {t("customers.scan.close")}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={8} data-testid="scan-viewer" data-type={file.scan.media_type}>
        <Typography.Text type="secondary">
          {t("customers.scan.file", { name: file.scan.file_name, size: formatFileSize(file.scan.size) })} ·{" "}
          {t("customers.scan.added", { user: file.scan.added_by, at: formatDateTime(file.scan.added_at) })}
        </Typography.Text>
        {!pdf ? (
          <img src={url} alt={file.scan.file_name} style={{ maxWidth: "100%", maxHeight: "70vh", objectFit: "contain" }} data-testid="scan-image" />
        ) : showsPdf() ? (
          <iframe src={url} title={file.scan.file_name} style={{ width: "100%", height: "70vh", border: 0 }} data-testid="scan-pdf" />
        ) : (
          <Alert type="info" showIcon message={t("customers.scan.pdfNotShown")} data-testid="scan-pdf-not-shown" />
        )}
        {saved && (
          <Typography.Text type="success" data-testid="scan-saved">
            {t("customers.scan.saved", { name: saved })}
          </Typography.Text>
        )}
        <ErrorAlert error={error} testId="scan-save-error" />
      </Flex>
    </Modal>
  );
}
