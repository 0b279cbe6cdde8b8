import { Stack } from "@mantine/core";
import { IconUsers } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { BulletList } from "../components/BulletList";
import { EmptyNotice } from "../components/EmptyNotice";
import { PageHeader } from "../components/PageHeader";
import { RouteLink } from "../components/RouteLink";
import { Section } from "../components/Section";

const FLOW_STEPS = ["server", "project", "table"] as const;
const ACTIONS = ["add", "cost", "remove", "preview", "csv", "seed", "audit"] as const;

/** TimeTracker NX project members. The server/project pickers and the table arrive with member management. */
export function MembersPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("members.title")} intro={t("members.intro")} />
      <Stack gap="lg">
        <EmptyNotice
          icon={<IconUsers aria-hidden />}
          title={t("members.requirement.title")}
          description={t("members.requirement.body")}
          action={<RouteLink to="credentials">{t("members.requirement.link")}</RouteLink>}
        />
        <Section heading={t("members.flow.heading")}>
          <BulletList ordered items={FLOW_STEPS.map((step) => t(`members.flow.${step}`))} />
        </Section>
        <Section heading={t("members.actions.heading")}>
          <BulletList items={ACTIONS.map((action) => t(`members.actions.${action}`))} />
        </Section>
      </Stack>
    </>
  );
}
