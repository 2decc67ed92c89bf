import { useEffect, useState } from "react";
import { Progress, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { onImportProgress, type ImportProgress } from "../api";
import { progressPercent } from "./ImportSteps";

/** The progress the backend reports while a file is read, checked or stored. */
export function ImportProgressBar({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    if (!active) return undefined;
    const stop = onImportProgress(setProgress);
    return () => {
      stop();
      setProgress(null);
    };
  }, [active]);
  if (!active) return null;
  const percent = progress ? progressPercent(progress) : undefined;
  return (
    <div data-testid="import-progress" style={{ maxWidth: 520, marginBottom: 16 }}>
      <Typography.Text>
        {t(`import.progress.${progress?.phase ?? "reading"}`)}{" "}
        {progress && progress.rows_total > 0 &&
          t("import.progress.rows", { done: progress.rows_done, total: progress.rows_total })}
      </Typography.Text>
      <Progress
        percent={percent ?? 0}
        status="active"
        showInfo={percent !== undefined}
        aria-label={t(`import.progress.${progress?.phase ?? "reading"}`)}
      />
    </div>
  );
}
