import { Modal, type ModalProps } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface AppModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  size?: ModalProps["size"];
  testId?: string;
  /** False when what opened the dialog is gone (a removed row): the caller moves focus. */
  returnFocus?: boolean;
}

/**
 * A dialog that looks and behaves like every other one: focus trapped inside, Escape and
 * the translated close button close it, focus returns to what opened it.
 */
export function AppModal({ opened, onClose, title, children, size = "lg", testId, returnFocus = true }: AppModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ "aria-label": t("common.close") }}
      size={size}
      returnFocus={returnFocus}
      // Mantine renders the dialog's header as <header>; in the portal at <body> level that
      // would be a second "banner" landmark next to the app's own.
      attributes={{ header: { role: "none" } }}
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 700 } }}
      data-testid={testId}
    >
      {children}
    </Modal>
  );
}
