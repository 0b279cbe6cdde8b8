import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";
import { errorDetail, errorMessage } from "../api/errors";

/** Success toasts and failure toasts look the same everywhere. */
export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: "teal", title, message });
}

export function notifyFailure(error: unknown, t: TFunction): void {
  const detail = errorDetail(error);
  const message = detail ? `${errorMessage(error, t)}\n${t("errors.detail", { detail })}` : errorMessage(error, t);
  notifications.show({ color: "red", title: t("common.actionFailed"), message, autoClose: 10_000, style: { whiteSpace: "pre-line" } });
}
