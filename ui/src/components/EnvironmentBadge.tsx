import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Environment } from "../api";

/**
 * Each environment has its own colour; live is red so it can never be mistaken for sandbox.
 * Each is dark enough for the badge's white text (at least 4.5:1).
 */
export const ENVIRONMENT_COLOURS: Record<Environment, string> = {
  sandbox: "#0958d9",
  test: "#ad4e00",
  live: "#cf1322",
};

export function EnvironmentBadge({ environment }: { environment: Environment }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={ENVIRONMENT_COLOURS[environment]}
      data-testid="env-badge"
      data-environment={environment}
      style={{ fontWeight: 600, marginInlineEnd: 0 }}
    >
      {t(`environment.${environment}`)}
    </Tag>
  );
}
