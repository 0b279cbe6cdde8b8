import { Stack } from "@mantine/core";
import { IconArrowsExchange } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { BulletList } from "../components/BulletList";
import { EmptyNotice } from "../components/EmptyNotice";
import { PageHeader } from "../components/PageHeader";
import { RouteLink } from "../components/RouteLink";
import { Section } from "../components/Section";

const PROFILE_PARTS = ["scope", "fields", "schedule", "deletion", "dryRun"] as const;

/** Sync profiles. Listing and editing arrive with the sync engine. */
export function ProfilesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("profiles.title")} intro={t("profiles.intro")} />
      <Stack gap="lg">
        <EmptyNotice
          icon={<IconArrowsExchange aria-hidden />}
          title={t("profiles.empty.title")}
          description={t("profiles.empty.body")}
          action={<RouteLink to="connections">{t("profiles.empty.link")}</RouteLink>}
        />
        <Section heading={t("profiles.holds.heading")}>
          <BulletList items={PROFILE_PARTS.map((part) => t(`profiles.holds.${part}`))} />
        </Section>
      </Stack>
    </>
  );
}
