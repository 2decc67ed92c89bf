import { Modal, Typography } from "antd";

/**
 * Asks before an action that talks to the bank, saying in plain words what happens. The
 * confirm button takes the focus, so Enter goes ahead and Escape cancels.
 */
export function ConfirmModal({
  open,
  title,
  text,
  okText,
  cancelText,
  danger = false,
  busy = false,
  testId,
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  text: string;
  okText: string;
  cancelText: string;
  danger?: boolean;
  busy?: boolean;
  testId: string;
  onOk: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={cancelText}
      onOk={onOk}
      onCancel={onCancel}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ danger, autoFocus: true, "data-testid": `${testId}-ok` }}
      cancelButtonProps={{ "data-testid": `${testId}-cancel` }}
    >
      <Typography.Paragraph data-testid={`${testId}-text`} style={{ marginBottom: 0 }}>
        {text}
      </Typography.Paragraph>
    </Modal>
  );
}
