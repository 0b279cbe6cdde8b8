import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";

export const MAIN_CONTENT_ID = "main-content";

/**
 * First tab stop: jumps past the header and navbar. It moves focus by script instead of
 * following `#main-content`, because the URL hash holds the current screen.
 */
export function SkipLink() {
  const { t } = useTranslation();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(MAIN_CONTENT_ID)?.focus();
  };
  return (
    <a className="kh-skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={skip}>
      {t("app.skipToContent")}
    </a>
  );
}
