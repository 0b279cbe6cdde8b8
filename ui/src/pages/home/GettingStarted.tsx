import { Badge, Group, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { RouteLink } from "../../components/RouteLink";
import { Section } from "../../components/Section";
import { AutostartSetting } from "../settings/AutostartSetting";
import type { RouteId } from "../../routing/routes";

const STEPS = [
  { key: "step1", route: "credentials" },
  { key: "step2", route: "connections" },
  { key: "step3", route: "profiles" },
] as const satisfies readonly { key: string; route: RouteId }[];

interface GettingStartedProps {
  /** Only the last step can be detected today: a profile exists. */
  hasProfile: boolean;
}

/** The three setup steps in order, each linking to the screen where it is done. */
export function GettingStarted({ hasProfile }: GettingStartedProps) {
  const { t } = useTranslation();
  return (
    <Section heading={t("home.checklist.heading")}>
      <Text size="sm">{t("home.checklist.intro")}</Text>
      <Stack component="ol" gap="lg" m={0} p={0} style={{ listStyle: "none" }}>
        {STEPS.map(({ key, route }, index) => {
          const done = key === "step3" && hasProfile;
          return (
            <Group component="li" key={key} align="flex-start" wrap="nowrap" gap="md">
              <ThemeIcon size={32} radius="xl" variant={done ? "filled" : "light"} aria-hidden>
                {index + 1}
              </ThemeIcon>
              <Stack gap={4}>
                <Group gap="xs">
                  <Title order={3} size="h4">
                    {t(`home.checklist.${key}.title`)}
                  </Title>
                  {done ? <Badge color="teal.9">{t("home.checklist.done")}</Badge> : null}
                </Group>
                <Text size="sm">{t(`home.checklist.${key}.body`)}</Text>
                <RouteLink to={route}>{t(`home.checklist.${key}.link`)}</RouteLink>
              </Stack>
            </Group>
          );
        })}
      </Stack>
      {/* The last choice of setting up: whether syncs run from sign-in without opening the app. */}
      <Stack gap={4} data-testid="checklist-autostart">
        <Title order={3} size="h4">
          {t("home.checklist.autostart.title")}
        </Title>
        <Text size="sm">{t("home.checklist.autostart.body")}</Text>
        <AutostartSetting />
      </Stack>
    </Section>
  );
}
