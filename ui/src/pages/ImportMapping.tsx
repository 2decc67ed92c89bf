import { Alert, Button, Flex, Select, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ColumnChoice, ColumnMapping, DryRunResult, Field } from "../api";
import { mappingEdited, repeatedFields, withChoice } from "./ImportSteps";

/** The detected mapping, one field per column, editable; re-checks the file when edited. */
export function ImportMapping({
  dryRun,
  choices,
  onChange,
  onRerun,
  onReport,
  busy,
}: {
  dryRun: DryRunResult;
  choices: ColumnChoice[];
  onChange: (choices: ColumnChoice[]) => void;
  onRerun: () => void;
  onReport: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const { columns, fields } = dryRun.summary;
  const edited = mappingEdited(columns, choices);
  const repeated = repeatedFields(choices);
  // "" stands for a column that is not read (a Select cannot hold null).
  const options: { value: Field | ""; label: string }[] = [
    { value: "", label: t("import.mapping.notRead") },
    ...fields.map((f) => ({ value: f, label: t(`import.fields.${f}`) })),
  ];
  return (
    <Flex vertical gap={12} data-testid="import-mapping">
      <Typography.Text>{t("import.mapping.intro")}</Typography.Text>
      {repeated.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t("import.mapping.repeated", { fields: repeated.map((f) => t(`import.fields.${f}`)).join(", ") })}
        />
      )}
      <Table<ColumnMapping>
        size="small"
        pagination={false}
        rowKey="index"
        dataSource={columns}
        columns={[
          { title: t("import.mapping.column"), key: "letter", width: 80, render: (_, column) => column.letter },
          { title: t("import.mapping.header"), key: "header", render: (_, column) => column.header },
          {
            title: t("import.mapping.field"),
            key: "field",
            render: (_, column) => {
              const field: Field | "" = choices.find((c) => c.index === column.index)?.field ?? "";
              // The wrapper carries the test id and the chosen key: antd renders the visible
              // label in its own element, away from the Select's props.
              return (
                <div data-testid={`mapping-${column.letter}`} data-field={field}>
                  <Select<Field | "">
                    style={{ width: 260 }}
                    aria-label={t("import.mapping.fieldOf", { column: column.letter })}
                    value={field}
                    options={options}
                    onChange={(value) => onChange(withChoice(choices, column.index, value === "" ? null : value))}
                  />
                </div>
              );
            },
          },
        ]}
      />
      <Flex gap={8}>
        <Button onClick={onRerun} disabled={!edited} loading={busy && edited} data-testid="mapping-rerun">
          {t("import.mapping.rerun")}
        </Button>
        <Button type="primary" onClick={onReport} disabled={edited || busy} data-testid="mapping-to-report">
          {t("import.mapping.toReport")}
        </Button>
      </Flex>
    </Flex>
  );
}
