import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { RouteLink } from "../../components/RouteLink";
import { Section } from "../../components/Section";

interface ProfileCountCardProps {
  count: number;
}

export function ProfileCountCard({ count }: ProfileCountCardProps) {
  const { t } = useTranslation();
  return (
    <Section heading={t("home.profiles.heading")}>
      <Text fz={36} fw={700} lh={1} data-testid="profile-count">
        {count}
      </Text>
      <Text size="sm">{t("home.profiles.help")}</Text>
      <RouteLink to="profiles">{t("home.profiles.manage")}</RouteLink>
    </Section>
  );
}
