import type { UseMutationResult } from "@tanstack/react-query";
import { useEffect } from "react";
import { notifySuccess } from "./notify";

interface RemovalOptions<T> {
  /** What the dialog asks about; null while it is closed. */
  subject: T | null;
  onClose: () => void;
  /** After removal the row (and the button that opened the dialog) is gone: move focus on. */
  onRemoved: () => void;
  /** The confirmation shown once it is gone. */
  removedText: (subject: T) => string;
}

/**
 * The behaviour every "remove …?" dialog of a listed item shares: a new question starts
 * clean (no error or success left from the last one), Cancel cannot interrupt a removal
 * under way, and success says so, closes and moves focus on.
 */
export function useRemoval<T extends { id: number }>(
  remove: UseMutationResult<unknown, unknown, number>,
  { subject, onClose, onRemoved, removedText }: RemovalOptions<T>,
) {
  const { reset } = remove;
  const askingFor = subject?.id;
  useEffect(() => {
    if (askingFor !== undefined) reset();
  }, [askingFor, reset]);

  const close = () => {
    if (remove.isPending) return;
    remove.reset();
    onClose();
  };

  const confirm = () => {
    if (!subject) return;
    remove.mutate(subject.id, {
      onSuccess: () => {
        notifySuccess(removedText(subject));
        onClose();
        onRemoved();
      },
    });
  };

  return { close, confirm };
}
