import { useTranslation } from "react-i18next";
import { formatDate } from "../../i18n/format";
import { LABEL_MAX, type FieldProblem } from "./validation";

/** Turns a field problem into the sentence under the field, in the UI language. */
export function useProblemText() {
  const { t, i18n } = useTranslation();
  return (problem: FieldProblem | undefined): string | undefined => {
    if (!problem) return undefined;
    switch (problem.code) {
      case "required":
        return t("credentials.form.errors.required");
      case "email":
        return t("credentials.form.errors.email");
      case "tooLong":
        return t("credentials.form.errors.tooLong", { max: LABEL_MAX });
      case "dateFormat":
        return t("credentials.form.errors.dateFormat");
      case "datePast":
        return t("credentials.form.errors.datePast");
      case "port":
        return t("credentials.form.errors.port");
      case "dateTooLate":
        return t("credentials.form.errors.dateTooLate", {
          days: problem.days,
          date: formatDate(problem.max, i18n.language),
        });
      case "rejected":
        return t("credentials.form.errors.rejected", { detail: problem.detail });
    }
  };
}
