import { useTranslation } from "react-i18next";
import type { EditorErrors, EditorField, FieldProblem } from "./draft";
import { MIN_MINUTES, NAME_MAX } from "./draft";

/** The sentence for an input's problem, in the UI language (the back end's own for "rejected"). */
export function useProblemText(errors: EditorErrors) {
  const { t } = useTranslation();
  const text = (problem: FieldProblem): string => {
    switch (problem.code) {
      case "rejected":
        return problem.detail;
      case "tooLong":
        return t("profiles.editor.errors.tooLong", { max: NAME_MAX });
      case "minutes":
        return t("profiles.editor.errors.minutes", { min: MIN_MINUTES });
      default:
        return t(`profiles.editor.errors.${problem.code}`);
    }
  };
  return (field: EditorField): string | undefined => {
    const problem = errors[field];
    return problem ? text(problem) : undefined;
  };
}
