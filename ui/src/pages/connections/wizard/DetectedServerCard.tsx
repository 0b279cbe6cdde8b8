import { Alert, Box, Checkbox, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconPlus, IconShieldLock } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAddServer } from "../../../api/connections";
import type { DetectedServer } from "../../../bindings";
import { errorMessage } from "../../../api/errors";
import type { Server } from "../../../bindings";
import { BusyButton } from "../../../components/BusyButton";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { fieldProblemFromError } from "../../credentials/validation";
import { CertificateDetails } from "../test/CertificateDetails";
import { fits, kindBehindUntrustedCertificate, type Product } from "./wizardKinds";

interface DetectedServerCardProps {
  detected: DetectedServer;
  product: Product;
  idPrefix: string;
  onAdded: (server: Server) => void;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * What "Check address" found — the cleaned-up base URL, the product and version — and,
 * when it fits this side, the name to register it under. An untrusted certificate is
 * shown in full and needs an explicit tick before the server is stored with it.
 */
export function DetectedServerCard({ detected, product, idPrefix, onAdded }: DetectedServerCardProps) {
  const { t } = useTranslation();
  const add = useAddServer();
  const certificate = detected.problem?.code === "TlsUntrusted" ? detected.certificate : null;
  const kind = detected.kind ?? (certificate ? kindBehindUntrustedCertificate(product) : null);
  const [name, setName] = useState(() =>
    kind ? t("connections.wizard.servers.defaultName", { product: t(`workspace.kinds.${kind}`), host: hostOf(detected.baseUrl) }) : "",
  );
  const [trusted, setTrusted] = useState(false);
  const [trustMissing, setTrustMissing] = useState(false);
  const [nameProblem, setNameProblem] = useState<string | null>(null);

  const unusable = detected.problem !== null && kind === null;
  const wrongProduct = kind !== null && !fits(product, kind);
  const canAdd = kind !== null && !wrongProduct;

  const addServer = () => {
    if (!kind || add.isPending) return;
    if (certificate && !trusted) {
      setTrustMissing(true);
      return;
    }
    if (name.trim() === "") {
      setNameProblem(t("credentials.form.errors.required"));
      return;
    }
    setNameProblem(null);
    add.mutate(
      {
        kind,
        name: name.trim(),
        baseUrl: detected.baseUrl,
        altUrl: detected.altUrl,
        trustedFingerprint: certificate && trusted ? certificate.fingerprint : null,
      },
      {
        onSuccess: onAdded,
        onError: (error) => {
          const onField = fieldProblemFromError(error, ["name"] as const);
          if (onField?.name?.code === "rejected") {
            setNameProblem(t("credentials.form.errors.rejected", { detail: onField.name.detail }));
          }
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" data-testid={`${idPrefix}-detected`}>
      <Stack gap="sm">
        <Text fw={700}>{t("connections.wizard.servers.found")}</Text>
        <Box
          component="dl"
          m={0}
          style={{ display: "grid", gridTemplateColumns: "max-content minmax(0, 1fr)", gap: "2px 12px" }}
        >
          <Text component="dt" size="sm" fw={700}>
            {t("connections.servers.baseUrl")}
          </Text>
          <Text component="dd" size="sm" m={0} ff="monospace" style={{ overflowWrap: "anywhere" }} data-testid={`${idPrefix}-base-url`}>
            {detected.baseUrl}
          </Text>
          <Text component="dt" size="sm" fw={700}>
            {t("connections.servers.kind")}
          </Text>
          <Text component="dd" size="sm" m={0} data-testid={`${idPrefix}-kind`}>
            {detected.kind
              ? detected.version
                ? t("connections.wizard.servers.kindVersion", { product: t(`workspace.kinds.${detected.kind}`), version: detected.version })
                : t(`workspace.kinds.${detected.kind}`)
              : kind
                ? t("connections.wizard.servers.kindAssumed", { product: t(`workspace.kinds.${kind}`) })
                : t("connections.wizard.servers.kindUnknown")}
          </Text>
          {detected.altUrl ? (
            <>
              <Text component="dt" size="sm" fw={700}>
                {t("connections.wizard.servers.altUrl")}
              </Text>
              <Text component="dd" size="sm" m={0} ff="monospace" style={{ overflowWrap: "anywhere" }}>
                {detected.altUrl}
              </Text>
            </>
          ) : null}
        </Box>
        {detected.reachedVia === "alternative" ? <Text size="sm">{t("connections.wizard.servers.reachedViaAlt")}</Text> : null}
        {unusable ? <ErrorAlert title={t("connections.wizard.servers.notIdentified")} error={detected.problem} /> : null}
        {detected.problem && !unusable && !certificate ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} role="status">
            {errorMessage(detected.problem, t)}
          </Alert>
        ) : null}
        {wrongProduct && kind ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} data-testid={`${idPrefix}-wrong-product`}>
            {t("connections.wizard.servers.wrongProduct", {
              found: t(`workspace.kinds.${kind}`),
              needed: t(`connections.wizard.products.${product}`),
            })}
          </Alert>
        ) : null}
        {certificate ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconShieldLock aria-hidden />}
            title={t("connections.certificate.untrustedTitle")}
            data-testid={`${idPrefix}-certificate`}
          >
            <Stack gap="sm">
              <Text size="sm">{t("connections.certificate.untrusted")}</Text>
              <CertificateDetails certificate={certificate} />
              <Checkbox
                checked={trusted}
                onChange={(event) => {
                  setTrusted(event.currentTarget.checked);
                  setTrustMissing(false);
                }}
                label={t("connections.certificate.trustCheckbox")}
                description={t("connections.certificate.compareFirst")}
                error={trustMissing ? t("connections.certificate.trustRequired") : undefined}
                data-testid={`${idPrefix}-trust`}
              />
            </Stack>
          </Alert>
        ) : null}
        {canAdd ? (
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t("connections.wizard.servers.name")}
              description={t("connections.wizard.servers.nameHelp")}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={nameProblem}
              required
              style={{ flex: "1 1 16rem" }}
              data-testid={`${idPrefix}-name`}
            />
            <BusyButton
              busy={add.isPending}
              onClick={addServer}
              leftSection={<IconPlus size={18} aria-hidden />}
              data-testid={`${idPrefix}-add`}
            >
              {t("connections.wizard.servers.add")}
            </BusyButton>
          </Group>
        ) : null}
        {add.isError && nameProblem === null ? <ErrorAlert title={t("connections.wizard.servers.addFailed")} error={add.error} /> : null}
      </Stack>
    </Paper>
  );
}
