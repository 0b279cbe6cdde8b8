import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";
import { errorMessage } from "../api/errors";

/** Success toasts and failure toasts look the same everywhere. */
export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: "teal", title, message });
}

export function notifyFailure(error: unknown, t: TFunction): void {
  notifications.show({ color: "red", title: t("common.actionFailed"), message: errorMessage(error, t), autoClose: 10_000 });
}
