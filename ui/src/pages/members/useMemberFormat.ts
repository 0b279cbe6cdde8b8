import { useTranslation } from "react-i18next";
import { formatNumber } from "./numbers";
import type { NumberProblem } from "./numbers";
import { costExample } from "./numbers";
import type { StagingProblem } from "./staging";

/**
 * Costs, dates and problems as this screen shows them, in the UI language. A cost of null
 * is the system default, shown as words: its amount is a TimeTracker NX setting the API
 * does not return.
 */
export function useMemberFormat() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const number = (value: number) => formatNumber(value, language);
  const cost = (value: number | null) => {
    return value === null ? t("members.cost.defaultUnknown") : number(value);
  };
  const date = (iso: string | null) => {
    if (iso === null) return "—";
    const time = Date.parse(iso);
    return Number.isNaN(time) ? iso : new Intl.DateTimeFormat(language, { dateStyle: "medium" }).format(time);
  };
  const numberProblem = (problem: NumberProblem) =>
    problem === "notNumber" ? t("members.number.notNumber", { example: costExample(language) }) : t(`members.number.${problem}`);
  const stagingProblem = (problem: StagingProblem) => {
    switch (problem.code) {
      case "badCost":
      case "badPercent":
        return t(`members.problem.${problem.code}`);
      case "unknownUser":
        return t("members.problem.unknownUser");
      default:
        return t(`members.problem.${problem.code}`, { name: problem.name });
    }
  };
  return { language, number, cost, date, numberProblem, stagingProblem };
}
