import { useState } from "react";
import { Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ImportBatches } from "./ImportBatches";
import { ImportWizard } from "./ImportWizard";

/** Bulk import: the wizard, and the committed batches. */
export function ImportPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState("wizard");
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("import.title")}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: "wizard", label: <span data-testid="import-tab-wizard">{t("import.tabs.wizard")}</span>, children: <ImportWizard /> },
          { key: "batches", label: <span data-testid="import-tab-batches">{t("import.tabs.batches")}</span>, children: <ImportBatches /> },
        ]}
      />
    </>
  );
}
