import { Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconFlask, IconPlayerPlay } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { HomeStatus } from "../../bindings";
import { useStartDemoWorkspace } from "../../api/workspace";
import { BulletList } from "../../components/BulletList";
import { BusyButton } from "../../components/BusyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";

/** The offer's heading; Home moves focus here when the demo workspace has been removed. */
export const DEMO_OFFER_HEADING_ID = "demo-offer-heading";

const POINTS = ["simulators", "credentials", "connections", "removable"] as const;

interface DemoOfferProps {
  onStarted: (status: HomeStatus) => void;
}

/**
 * "Try the demo workspace", shown while nothing is registered: what it does, in plain
 * words, and the button that does it. A failure (no keychain, say) stays on the card.
 */
export function DemoOffer({ onStarted }: DemoOfferProps) {
  const { t } = useTranslation();
  const start = useStartDemoWorkspace();

  const run = () =>
    start.mutate(undefined, {
      onSuccess: (status) => {
        notifySuccess(t("home.demo.offer.started"));
        onStarted(status);
      },
    });

  return (
    <Paper
      component="section"
      aria-labelledby={DEMO_OFFER_HEADING_ID}
      withBorder
      p="lg"
      data-testid="demo-offer"
      style={{ borderColor: "var(--mantine-primary-color-filled)", borderWidth: 2 }}
    >
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon size={44} radius="md" variant="light" aria-hidden visibleFrom="xs">
          <IconFlask size={26} />
        </ThemeIcon>
        <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
          <Title order={2} size="h3" id={DEMO_OFFER_HEADING_ID} tabIndex={-1}>
            {t("home.demo.offer.heading")}
          </Title>
          <Text>{t("home.demo.offer.body")}</Text>
          <BulletList items={POINTS.map((point) => t(`home.demo.offer.${point}`))} />
          <Group gap="md" mt="xs">
            <BusyButton
              size="md"
              busy={start.isPending}
              onClick={run}
              leftSection={<IconPlayerPlay size={18} aria-hidden />}
              data-testid="demo-start"
            >
              {t("home.demo.offer.start")}
            </BusyButton>
            {/* Always in the page, so that screen readers announce the text when it appears. */}
            <Text size="sm" role="status" data-testid="demo-starting">
              {start.isPending ? t("home.demo.offer.starting") : null}
            </Text>
          </Group>
          {start.isError ? <ErrorAlert title={t("home.demo.offer.failed")} error={start.error} /> : null}
        </Stack>
      </Group>
    </Paper>
  );
}
