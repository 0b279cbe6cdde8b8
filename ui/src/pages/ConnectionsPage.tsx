import { Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { BulletList } from "../components/BulletList";
import { EmptyNotice } from "../components/EmptyNotice";
import { PageHeader } from "../components/PageHeader";
import { RouteLink } from "../components/RouteLink";
import { Section } from "../components/Section";

const WIZARDS = ["jiraTtnx", "jiraJira", "asanaJira"] as const;
const TEST_CHECKS = ["network", "trust", "proxy", "auth", "permissions", "clock"] as const;

/** Connections between two servers. The list and the wizards arrive with the connections feature. */
export function ConnectionsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("connections.title")} intro={t("connections.intro")} />
      <Stack gap="lg">
        <EmptyNotice
          icon={<IconPlugConnected aria-hidden />}
          title={t("connections.empty.title")}
          description={t("connections.empty.body")}
          action={<RouteLink to="credentials">{t("connections.empty.link")}</RouteLink>}
        />
        <Section heading={t("connections.wizards.heading")}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            {WIZARDS.map((wizard) => (
              <Card key={wizard} withBorder padding="md">
                <Title order={3} size="h5" mb={6}>
                  {t(`connections.wizards.${wizard}.title`)}
                </Title>
                <Text size="sm">{t(`connections.wizards.${wizard}.body`)}</Text>
              </Card>
            ))}
          </SimpleGrid>
          <Text size="sm">{t("connections.wizards.fields")}</Text>
        </Section>
        <Section heading={t("connections.test.heading")}>
          <Text size="sm">{t("connections.test.intro")}</Text>
          <BulletList items={TEST_CHECKS.map((check) => t(`connections.test.${check}`))} />
        </Section>
      </Stack>
    </>
  );
}
