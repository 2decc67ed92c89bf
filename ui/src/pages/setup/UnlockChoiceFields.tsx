import { Radio, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { UnlockChoice } from "../../api";
import { characterCount, MIN_PASSWORD_LENGTH } from "./passwordRules";
import { NewPassphraseField } from "./NewPassphraseField";

export type UnlockMethodChoice = "keyring" | "passphrase";

/** How a new vault on this PC is to be unlocked, as the backend takes it. */
export function unlockChoice(method: UnlockMethodChoice, passphrase: string): UnlockChoice {
  return method === "keyring" ? { method: "keyring" } : { method: "passphrase", passphrase };
}

/** Whether the choice can be taken: the keyring, or a passphrase long enough. */
export function unlockChoiceReady(method: UnlockMethodChoice, passphrase: string): boolean {
  return method === "keyring" || characterCount(passphrase) >= MIN_PASSWORD_LENGTH;
}

/** The OS keyring (when there is one) or a passphrase typed at every start. */
export function UnlockChoiceFields({
  keyringAvailable,
  method,
  onMethod,
  passphrase,
  onPassphrase,
  testId,
}: {
  keyringAvailable: boolean;
  method: UnlockMethodChoice;
  onMethod: (method: UnlockMethodChoice) => void;
  passphrase: string;
  onPassphrase: (passphrase: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={4}>{t("setup.unlockTitle")}</Typography.Title>
      <Radio.Group value={method} onChange={(e) => onMethod(e.target.value as UnlockMethodChoice)}>
        <Space direction="vertical">
          <Radio value="keyring" disabled={!keyringAvailable} data-testid={`${testId}-unlock-keyring`}>
            {t("setup.unlockKeyring")}
            <Typography.Text type="secondary" style={{ display: "block" }}>
              {keyringAvailable ? t("setup.unlockKeyringHelp") : t("setup.unlockKeyringMissing")}
            </Typography.Text>
          </Radio>
          <Radio value="passphrase" data-testid={`${testId}-unlock-passphrase`}>
            {t("setup.unlockPassphrase")}
            <Typography.Text type="secondary" style={{ display: "block" }}>
              {t("setup.unlockPassphraseHelp")}
            </Typography.Text>
          </Radio>
        </Space>
      </Radio.Group>
      {method === "passphrase" && (
        <NewPassphraseField
          label={t("setup.passphrase")}
          value={passphrase}
          onChange={onPassphrase}
          testId={`${testId}-passphrase`}
          style={{ marginTop: 16 }}
        />
      )}
    </>
  );
}
