import { Button, Stack } from "@mantine/core";
import { useEffect, useReducer, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useConnectionTestRun, type TestTarget } from "../../../api/connectionTest";
import { useCredentialKinds, useCredentials } from "../../../api/credentials";
import { useServers } from "../../../api/workspace";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { LoadingState } from "../../../components/LoadingState";
import { PAGE_TITLE_ID, PageHeader } from "../../../components/PageHeader";
import { ContinueAnywayModal } from "./ContinueAnywayModal";
import { CredentialStep } from "./CredentialStep";
import { DoneStep } from "./DoneStep";
import { NameStep } from "./NameStep";
import { PairStep } from "./PairStep";
import { ServerStep } from "./ServerStep";
import { STEP_HEADING_ID } from "./StepHeading";
import { TestStep } from "./TestStep";
import type { WizardType } from "./wizardKinds";
import { WizardNav } from "./WizardNav";
import { WizardSteps } from "./WizardSteps";
import { STEPS, connectionSide, initialWizardState, stepIndex, wizardReducer } from "./wizardState";

interface ConnectionWizardProps {
  initialType: WizardType;
  onClose: () => void;
}

/**
 * A new connection in six steps: the pair, each side's server, each side's credential,
 * Test connection, name and direction, done. Servers and credentials are stored as they
 * are added (they are useful on their own); the connection only at the end.
 */
export function ConnectionWizard({ initialType, onClose }: ConnectionWizardProps) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(wizardReducer, initialType, initialWizardState);
  const servers = useServers();
  const credentials = useCredentials();
  const kinds = useCredentialKinds();
  const run = useConnectionTestRun();
  // The sides the current result is for; other sides (changed after testing) test again.
  const testedFor = useRef<string | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [gateOpen, setGateOpen] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  useFocusOnStepChange(state.step, focusRequest);

  const step = STEPS[state.step] ?? "pair";
  const credentialList = credentials.data ?? [];
  const left = connectionSide(state.left, credentialList);
  const right = connectionSide(state.right, credentialList);
  const target: TestTarget | null = left && right ? { type: "draft", left, right } : null;
  const testFailed = run.finished?.outcome === "failed" || (!run.running && run.finished === null);

  const goTo = (index: number) => {
    setBlocked(null);
    dispatch({ type: "goTo", step: index });
  };

  const missing = (): string | null => {
    if (step === "servers") {
      if (!state.left.server || !state.right.server) return t("connections.wizard.blocked.servers");
      if (state.left.server.id === state.right.server.id) return t("connections.wizard.blocked.sameServer");
    }
    if (step === "credentials" && !target) return t("connections.wizard.blocked.credentials");
    return null;
  };

  const next = () => {
    const reason = missing();
    if (reason) {
      setBlocked(reason);
      return;
    }
    // The servers are part of the key: the same ids with another address or certificate
    // decision need a new test too.
    const testKey = JSON.stringify([target, state.left.server, state.right.server]);
    if (step === "credentials" && target && testKey !== testedFor.current) {
      testedFor.current = testKey;
      run.reset();
      run.start(target);
    }
    if (step === "test" && testFailed) {
      setGateOpen(true);
      return;
    }
    goTo(state.step + 1);
  };

  const failedToLoad = servers.error ?? credentials.error ?? kinds.error;
  const loaded = servers.data && credentials.data && kinds.data ? { servers: servers.data, credentials: credentials.data, kinds: kinds.data } : null;

  return (
    <>
      <PageHeader
        title={t("connections.wizard.title", { pair: t(`connections.wizards.${state.type}.title`) })}
        intro={t("connections.wizard.intro")}
        actions={
          <Button variant="default" onClick={onClose} data-testid="wizard-close">
            {state.connection ? t("connections.wizard.done.back") : t("connections.wizard.cancel")}
          </Button>
        }
      />
      <Stack gap="lg" data-testid="connection-wizard">
        <WizardSteps active={state.step} locked={state.connection !== null} onSelect={goTo} />
        {servers.isPending || credentials.isPending || kinds.isPending ? <LoadingState /> : null}
        {failedToLoad ? (
          <ErrorAlert
            error={failedToLoad}
            onRetry={() => {
              void servers.refetch();
              void credentials.refetch();
              void kinds.refetch();
            }}
          />
        ) : null}
        {loaded && step === "pair" ? <PairStep value={state.type} onChange={(pair) => dispatch({ type: "choosePair", pair })} /> : null}
        {loaded && step === "servers" ? (
          <ServerStep state={state} servers={loaded.servers} onChoose={(side, server) => dispatch({ type: "setServer", side, server })} />
        ) : null}
        {loaded && step === "credentials" ? (
          <CredentialStep
            state={state}
            credentials={loaded.credentials}
            kinds={loaded.kinds}
            onChoose={(side, choice) => dispatch({ type: "setCredential", side, choice })}
          />
        ) : null}
        {loaded && step === "test" && target ? (
          <TestStep run={run} target={target} />
        ) : null}
        {loaded && step === "name" && state.left.server && state.right.server && left && right ? (
          <NameStep
            left={{ server: state.left.server, side: left }}
            right={{ server: state.right.server, side: right }}
            name={state.name}
            direction={state.direction}
            issueSync={state.type === "jiraJira"}
            report={run.finished}
            onName={(name) => dispatch({ type: "setName", name })}
            onDirection={(direction) => dispatch({ type: "setDirection", direction })}
            onBack={() => goTo(state.step - 1)}
            onChangeServers={() => goTo(stepIndex("servers"))}
            onCreated={(connection) => dispatch({ type: "created", connection })}
          />
        ) : null}
        {step === "done" && state.connection ? (
          <DoneStep
            connection={state.connection}
            leftName={state.left.server?.name ?? ""}
            rightName={state.right.server?.name ?? ""}
            report={run.finished}
            onClose={onClose}
          />
        ) : null}
        {loaded && state.step < stepIndex("name") ? (
          <WizardNav
            onBack={state.step > 0 ? () => goTo(state.step - 1) : null}
            onNext={next}
            busy={step === "test" && run.running}
            blocked={blocked}
            nextLabel={step === "test" && testFailed ? t("connections.wizard.continueAnyway") : t("connections.wizard.next")}
          />
        ) : null}
      </Stack>
      <ContinueAnywayModal
        opened={gateOpen}
        notRun={run.finished === null}
        onClose={() => {
          setGateOpen(false);
          setFocusRequest((count) => count + 1);
        }}
        onContinue={() => {
          setGateOpen(false);
          goTo(state.step + 1);
        }}
      />
    </>
  );
}

/**
 * Focus follows the wizard: on opening, the page heading (the button that opened the
 * wizard is gone); on every step change, or when asked, the step's heading.
 */
function useFocusOnStepChange(step: number, request: number) {
  const opened = useRef(false);
  useEffect(() => {
    if (!opened.current) {
      opened.current = true;
      document.getElementById(PAGE_TITLE_ID)?.focus();
      return;
    }
    document.getElementById(STEP_HEADING_ID)?.focus();
  }, [step, request]);
}
