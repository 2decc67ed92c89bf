import { useState } from "react";
import { Checkbox } from "antd";
import { useTranslation } from "react-i18next";

const KEY = "tahsildar.search.accentFree";

/**
 * Whether searches ignore the letters Turkish adds to Latin ("Ayse" finds "Ayşe"), as the user
 * last chose it on this computer (off at first: "ayşe" then finds "AYŞE" but not "Ayse").
 */
export function useAccentFree(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(KEY) === "1");
  return [
    on,
    (next) => {
      localStorage.setItem(KEY, next ? "1" : "0");
      setOn(next);
    },
  ];
}

/** The check box beside a search field that turns the accent-free search on and off. */
export function AccentFreeCheckbox({
  value,
  onChange,
  testId,
}: {
  value: boolean;
  onChange: (on: boolean) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox checked={value} onChange={(e) => onChange(e.target.checked)} data-testid={testId}>
      <span style={{ whiteSpace: "nowrap" }}>{t("search.accentFree")}</span>
    </Checkbox>
  );
}
