import { Stack, Text } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { BulletList } from "../components/BulletList";
import { EmptyNotice } from "../components/EmptyNotice";
import { PageHeader } from "../components/PageHeader";
import { Section } from "../components/Section";
import { KeychainNotice } from "./credentials/KeychainNotice";

const REGISTRY_POINTS = ["expiry", "reminders", "kinds"] as const;

/** Servers and credentials. The add/replace/remove forms arrive with the credentials feature. */
export function CredentialsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("credentials.title")} intro={t("credentials.intro")} />
      <Stack gap="lg">
        <KeychainNotice />
        <EmptyNotice
          icon={<IconKey aria-hidden />}
          title={t("credentials.empty.title")}
          description={t("credentials.empty.body")}
        />
        <Section heading={t("credentials.service.heading")}>
          <Text size="sm">{t("credentials.service.body")}</Text>
        </Section>
        <Section heading={t("credentials.registry.heading")}>
          <Text size="sm">{t("credentials.registry.body")}</Text>
          <BulletList items={REGISTRY_POINTS.map((point) => t(`credentials.registry.${point}`))} />
        </Section>
      </Stack>
    </>
  );
}
