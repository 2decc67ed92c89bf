import { useMemo, useState } from "react";
import { Alert, Button, Flex, Select, Steps, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  IMPORT_BATCHES_KEY,
  can,
  chooseImportFile,
  commitImport,
  discardImport,
  importDryRun,
  saveImportTemplate,
  useStores,
  type BatchInfo,
  type ColumnChoice,
  type DryRunResult,
} from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { useSession } from "../session";
import { BatchPayments } from "./ImportBatches";
import { ImportMapping } from "./ImportMapping";
import { ImportProgressBar } from "./ImportProgressBar";
import { ImportReport } from "./ImportReport";
import { IMPORT_STEPS, choicesFrom, type ImportStep } from "./ImportSteps";

/** Pick a file → check the columns → read the dry-run report → commit → the batch. */
export function ImportWizard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const session = useSession();
  const stores = useStores();
  const importable = useMemo(
    () => (stores.data ?? []).filter((s) => can(session, "import_batches", s.id)),
    [stores.data, session],
  );
  const [storeId, setStoreId] = useState<number | null>(null);
  const store = storeId ?? importable[0]?.id ?? null;
  const [step, setStep] = useState<ImportStep>("file");
  const [dryRun, setDryRun] = useState<DryRunResult | null>(null);
  const [choices, setChoices] = useState<ColumnChoice[]>([]);
  const [batch, setBatch] = useState<BatchInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const check = (token: string, mapping: ColumnChoice[] | null) =>
    run(async () => {
      if (store === null) return;
      const result = await importDryRun(token, store, mapping);
      setDryRun(result);
      setChoices(choicesFrom(result.summary.columns));
      setStep(mapping === null ? "mapping" : "report");
    });

  const pick = () =>
    run(async () => {
      if (store === null) return;
      const chosen = await chooseImportFile(store);
      if (!chosen) return;
      if (dryRun) await discardImport(dryRun.token).catch(() => undefined);
      const result = await importDryRun(chosen.token, store, null);
      setDryRun(result);
      setChoices(choicesFrom(result.summary.columns));
      setStep("mapping");
    });

  const commit = () =>
    run(async () => {
      if (!dryRun) return;
      const stored = await commitImport(dryRun.token);
      setBatch(stored);
      setDryRun(null);
      setStep("done");
      void client.invalidateQueries({ queryKey: IMPORT_BATCHES_KEY });
    });

  const restart = () => {
    if (dryRun) void discardImport(dryRun.token).catch(() => undefined);
    setDryRun(null);
    setBatch(null);
    setError(null);
    setStep("file");
  };

  const template = () =>
    run(async () => {
      const name = await saveImportTemplate();
      if (name) setNotice(t("import.templateSaved", { name }));
    });

  return (
    <Flex vertical gap={16} data-testid="import-wizard" data-step={step}>
      <Steps
        size="small"
        current={IMPORT_STEPS.indexOf(step)}
        items={IMPORT_STEPS.map((s) => ({ title: t(`import.steps.${s}`) }))}
      />
      {error !== null && <ErrorAlert error={error} testId="import-error" />}
      {notice !== null && <Alert type="success" showIcon closable onClose={() => setNotice(null)} message={notice} />}
      <ImportProgressBar active={busy} />
      {step === "file" && (
        <Flex vertical gap={12} style={{ maxWidth: 560 }}>
          <Typography.Text>{t("import.fileIntro")}</Typography.Text>
          <Flex gap={8} align="center">
            <Typography.Text>{t("import.store")}</Typography.Text>
            <Select
              style={{ minWidth: 240 }}
              aria-label={t("import.store")}
              data-testid="import-store"
              placeholder={t("import.chooseStore")}
              value={store ?? undefined}
              onChange={setStoreId}
              options={importable.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Flex>
          <Flex gap={8}>
            <Button type="primary" onClick={pick} disabled={store === null} loading={busy} data-testid="import-choose-file">
              {t("import.chooseFile")}
            </Button>
            <Button onClick={template} disabled={busy} data-testid="import-template">
              {t("import.template")}
            </Button>
          </Flex>
        </Flex>
      )}
      {dryRun && (step === "mapping" || step === "report") && (
        <Typography.Text strong data-testid="import-file-name">
          {dryRun.summary.file_name}
        </Typography.Text>
      )}
      {dryRun && step === "mapping" && (
        <ImportMapping
          dryRun={dryRun}
          choices={choices}
          onChange={setChoices}
          onRerun={() => void check(dryRun.token, choices)}
          onReport={() => setStep("report")}
          busy={busy}
        />
      )}
      {dryRun && step === "report" && (
        <ImportReport dryRun={dryRun} onCommit={() => void commit()} onEditMapping={() => setStep("mapping")} busy={busy} />
      )}
      {dryRun && (step === "mapping" || step === "report") && (
        <div>
          <Button onClick={restart} disabled={busy} data-testid="import-discard">
            {t("import.discard")}
          </Button>
        </div>
      )}
      {batch && step === "done" && (
        <Flex vertical gap={12} data-testid="import-done">
          <Typography.Title level={4} data-testid="import-batch-title">
            {t("import.done.title", { id: batch.id })}
          </Typography.Title>
          <Typography.Text>
            {t("import.done.summary", {
              imported: batch.rows_imported,
              rejected: batch.rows_rejected,
              payments: batch.payments,
            })}
          </Typography.Text>
          <BatchPayments batchId={batch.id} />
          <div>
            <Button onClick={restart} data-testid="import-new">
              {t("import.done.newImport")}
            </Button>
          </div>
        </Flex>
      )}
    </Flex>
  );
}
