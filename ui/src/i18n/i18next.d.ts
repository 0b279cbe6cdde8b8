import "i18next";
import type en from "./locales/en.json";

// English is the reference locale: t() only accepts keys that exist in it, so a typo in a
// key is a compile error. The locale test keeps ja and sv on exactly the same keys.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
