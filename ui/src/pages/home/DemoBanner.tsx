import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconArrowRight, IconFlask, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { DemoSummary, HomeStatus } from "../../bindings";
import { hrefFor } from "../../routing/routes";
import { RemoveDemoModal } from "./RemoveDemoModal";

/** The banner itself; Home moves focus here right after the demo workspace started. */
export const DEMO_BANNER_ID = "demo-banner";
const DEMO_BANNER_HEADING_ID = "demo-banner-heading";

interface DemoBannerProps {
  demo: DemoSummary;
  onRemoved: (status: HomeStatus) => void;
}

/** While the demo workspace exists: says so plainly, and offers to remove it. */
export function DemoBanner({ demo, onRemoved }: DemoBannerProps) {
  const { t } = useTranslation();
  const [confirming, { open, close }] = useDisclosure(false);

  return (
    <Paper
      component="section"
      id={DEMO_BANNER_ID}
      tabIndex={-1}
      aria-labelledby={DEMO_BANNER_HEADING_ID}
      p="lg"
      withBorder
      data-testid="demo-banner"
      style={{
        background: "var(--mantine-color-orange-light)",
        borderColor: "var(--mantine-color-orange-outline)",
      }}
    >
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon size={40} radius="md" color="orange" variant="light" aria-hidden visibleFrom="xs">
          <IconFlask size={24} />
        </ThemeIcon>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Title order={2} size="h4" id={DEMO_BANNER_HEADING_ID}>
            {t("home.demo.banner.title")}
          </Title>
          <Text fw={600} data-testid="demo-summary">
            {t("home.demo.banner.summary", {
              servers: t("home.demo.banner.servers", { count: demo.servers }),
              connections: t("home.demo.banner.connections", { count: demo.connections }),
            })}
          </Text>
          <Text size="sm">{t("home.demo.banner.running")}</Text>
          <Group gap="sm" mt="xs">
            {/* A link that looks like a button: a plain link is too faint on the orange. */}
            <Button component="a" href={hrefFor("connections")} rightSection={<IconArrowRight size={18} aria-hidden />}>
              {t("home.demo.banner.link")}
            </Button>
            <Button
              variant="default"
              leftSection={<IconTrash size={18} aria-hidden />}
              onClick={open}
              data-testid="demo-remove"
            >
              {t("home.demo.banner.remove")}
            </Button>
          </Group>
        </Stack>
      </Group>
      <RemoveDemoModal opened={confirming} onClose={close} onRemoved={onRemoved} />
    </Paper>
  );
}
