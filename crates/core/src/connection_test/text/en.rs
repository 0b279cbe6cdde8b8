//! English.

use super::{Rendered, Words};
use crate::connection_test::findings::Finding;
use crate::connection_test::model::CheckId;
use crate::workspace::ServerKind;

pub(super) const WORDS: Words = Words {
    heading: "Kakehashi connection test",
    tested_at: "Tested",
    result: "Result",
    left: "Left",
    right: "Right",
    credential: "Credential",
    no_credential: "none",
    why: "Why",
    fix: "What to do",
    certificate: "Certificate",
    subject: "Subject",
    issuer: "Issued by",
    valid: "Valid",
    fingerprint: "SHA-256 fingerprint",
    granted: "granted",
    missing: "missing",
    passed: "Passed",
    warning: "Warning",
    failed: "Failed",
    skipped: "Skipped",
    pending: "Waiting",
    running: "Checking",
    trust_suggestion: "Suggested: trust this certificate",
};

pub(super) fn title(check: CheckId) -> &'static str {
    match check {
        CheckId::Dns => "Name resolution (DNS)",
        CheckId::Tcp => "Network connection (TCP)",
        CheckId::Tls => "Secure connection (TLS)",
        CheckId::Proxy => "Proxy",
        CheckId::Addresses => "Server addresses",
        CheckId::Product => "Product and version",
        CheckId::Auth => "Sign-in",
        CheckId::Identity => "Technical user",
        CheckId::Permissions => "Permissions",
        CheckId::Clock => "Clock",
        CheckId::EmailVisibility => "Visible email addresses",
    }
}

pub(super) fn permission(key: &str) -> Option<&'static str> {
    Some(match key {
        "BROWSE_PROJECTS" => "Browse projects",
        "CREATE_ISSUES" => "Create issues",
        "EDIT_ISSUES" => "Edit issues",
        "TRANSITION_ISSUES" => "Transition issues",
        "ADD_COMMENTS" => "Add comments",
        "CREATE_ATTACHMENTS" => "Create attachments",
        "WORK_ON_ISSUES" => "Log work",
        "MANAGE_PROJECT" => "Manage Project (project members)",
        "WRITE" => "Create and edit tasks",
        _ => return None,
    })
}

fn labels(keys: &[String]) -> String {
    keys.iter()
        .map(|key| permission(key).map_or_else(|| key.clone(), str::to_owned))
        .collect::<Vec<_>>()
        .join(", ")
}

const TRY_AGAIN: &str = "Test again in a few minutes. If it keeps failing, copy this report and send it to your IT department.";

pub(super) fn render(finding: &Finding) -> Rendered {
    let plain = Rendered::plain;
    let explained =
        |summary: String, why: String, fix: &str| Rendered::explained(summary, why, fix.to_owned());
    match finding {
        Finding::Waiting => plain("Waiting…".into()),
        Finding::Checking => plain("Checking…".into()),
        Finding::SkippedAfter { check } => plain(format!(
            "Not checked, because of “{}” above.",
            title(*check)
        )),

        Finding::DnsResolved { host, addresses, proxy } => plain(match proxy {
            None if addresses.as_slice() == [host.clone()] => {
                format!("{host} is an IP address: nothing to look up.")
            }
            None => format!("{host} → {}", addresses.join(", ")),
            Some(proxy) => format!(
                "Proxy {proxy}: {host} → {} (the proxy looks up the server itself)",
                addresses.join(", ")
            ),
        }),
        Finding::DnsFailed { host, proxy: None } => explained(
            format!("The name {host} is not known."),
            format!("This computer cannot find the address of {host}. The name may be misspelt, it may exist only inside the company network, or the name server does not answer."),
            "Check the spelling of the address. If the server is inside the company network, connect to the VPN first. If it still fails, ask your IT department whether this computer can look up the name.",
        ),
        Finding::DnsFailed { host, proxy: Some(proxy) } => explained(
            format!("The name of the proxy {host} is not known."),
            format!("Every request to this server goes through the proxy {proxy}, and this computer cannot find the proxy's address."),
            "Check the proxy in the server's settings (or the system's proxy settings). Connect to the VPN if the proxy is inside the company network.",
        ),

        Finding::TcpConnected { address, proxy: None } => plain(format!("Connected to {address}.")),
        Finding::TcpConnected { address, proxy: Some(_) } => {
            plain(format!("Connected to the proxy at {address}."))
        }
        Finding::TcpRefused { address, proxy } => explained(
            match proxy {
                None => format!("{address} refused the connection."),
                Some(_) => format!("The proxy at {address} refused the connection."),
            },
            "The computer at that address answers, but nothing accepts connections on that port: the service may be stopped, the port may be wrong, or a firewall refuses.".into(),
            "Check the port in the address (for example :8443). Ask the server's administrator whether the service is running, and your IT department whether a firewall blocks this computer.",
        ),
        Finding::TcpTimedOut { address, proxy } => explained(
            match proxy {
                None => format!("No answer from {address} within 5 seconds."),
                Some(_) => format!("No answer from the proxy at {address} within 5 seconds."),
            },
            "Nothing came back: a firewall may drop the connection, or the server can be reached only from inside the company network.".into(),
            "Connect to the VPN if the server is internal, and ask your IT department whether a firewall lets this computer through.",
        ),

        Finding::TlsPlainHttp => plain("Not used: the address starts with http://, so the connection is not encrypted.".into()),
        Finding::TlsTrusted => plain("The certificate is valid and trusted by this computer.".into()),
        Finding::TlsPinned => plain("Trusted: you chose to trust exactly this certificate for this server.".into()),
        Finding::TlsUntrusted { reason } => explained(
            "This computer does not trust the server's certificate.".into(),
            format!("Nobody this computer trusts vouches for the certificate ({reason}). That is normal for a self-signed or company certificate, but it is also what someone intercepting the connection would look like."),
            "Ask the server's administrator for the certificate's SHA-256 fingerprint and compare it with the one shown here. Only if they match, choose “Trust this certificate”. Alternatively, add your company's CA certificate to the server's settings.",
        ),
        Finding::TlsFailed { detail } => explained(
            "The secure connection could not be set up.".into(),
            format!("The server and this computer could not agree on encryption. {detail}"),
            "Check that the address uses the server's https port, or http:// if the server has no TLS. If security software or a proxy inspects connections, ask your IT department.",
        ),

        Finding::ProxyNone => plain("None: this computer connects directly.".into()),
        Finding::ProxyInUse { proxy } => plain(format!("Requests go through {proxy}.")),
        Finding::ProxyUnreachable { proxy } => explained(
            format!("The proxy {proxy} cannot be reached."),
            "Every request to this server goes through this proxy, and the proxy does not answer.".into(),
            "Check the proxy address and port in the server's settings (or the system's proxy settings). If the server can be reached without a proxy, set the server's proxy to “Direct”.",
        ),
        Finding::ProxyRefused { proxy, detail } => explained(
            format!("The proxy {proxy} refused the request."),
            format!("The proxy answered but did not pass the request on to the server. {detail}"),
            "If the proxy needs a sign-in, ask your IT department for the proxy settings to use, or to let this computer through to the server.",
        ),

        Finding::AddressReached { base } => plain(format!("{base} answers.")),
        Finding::AddressesBothReached { base, alt } => plain(format!(
            "{base} and the alternative URL {alt} both answer; Kakehashi connects through the alternative URL."
        )),
        Finding::AddressOnlyAlternative { base, alt } => plain(format!(
            "Only the alternative URL {alt} answers from this computer. That is fine: Kakehashi connects through it, and links still use {base}."
        )),
        Finding::AddressAlternativeFails { base, alt } => explained(
            format!("The alternative URL {alt} does not answer, but {base} does."),
            "While an alternative URL is set, every request goes to it, so nothing reaches the server.".into(),
            "Correct the alternative URL in the server's settings, or remove it so that Kakehashi uses the base URL.",
        ),
        Finding::AddressBaseFails { base } => explained(
            format!("{base} does not answer from this computer."),
            "Kakehashi cannot reach the server at the address you entered.".into(),
            "Check the address. If this computer reaches the server under another address (for example inside the company network), enter that one as the alternative URL.",
        ),
        Finding::AddressesNoneReached { base, alt } => explained(
            format!("Neither {base} nor the alternative URL {alt} answers."),
            "Kakehashi cannot reach the server at either address.".into(),
            "Check both addresses, the network connection (VPN), the proxy and the firewall.",
        ),

        Finding::ProductFound { kind, version } => plain(match version {
            Some(version) => format!("{} {version}", kind.product_name()),
            None => kind.product_name().to_owned(),
        }),
        Finding::ProductMismatch { expected, found } => explained(
            format!("This server is {}, not {}.", found.product_name(), expected.product_name()),
            "The two products have different interfaces and take different credentials, so Kakehashi cannot work with a server stored as the wrong product.".into(),
            &format!("Remove this server and add it again as {found}, then choose a credential made for {found}.", found = found.product_name()),
        ),
        Finding::ProductNotRecognised { expected, detail } => explained(
            format!("The address answers, but not like {}.", expected.product_name()),
            detail.clone(),
            &format!("Check the address: it is the one you open {} with in a browser, including a path such as /jira or /TimeTrackerNX. A login page or a proxy's notice in between also causes this.", expected.product_name()),
        ),

        Finding::ProductHidden { expected } => explained(
            "The server does not tell anonymous visitors what it is.".into(),
            format!("Its server information needs a sign-in, so whether it really is {} shows only after signing in.", expected.product_name()),
            "Nothing to do if the sign-in below works. If it fails too, check that the address is the one you open Jira with in a browser.",
        ),

        Finding::AuthSignedIn { who } => plain(format!("Signed in as {who}.")),
        Finding::AuthNoCredential => explained(
            "There is no credential to sign in with.".into(),
            "This side names no credential, and the server has no service credential.".into(),
            "Pick a credential for this side, or add one for this server and make it the service credential (Credentials → Add).",
        ),
        Finding::AuthCloudTokenOnDataCenter => explained(
            "A Jira Cloud API token was used on Jira Data Center.".into(),
            "This server is Jira Data Center, which does not accept Atlassian Cloud API tokens (they start with ATATT).".into(),
            "On this server, create a personal access token for the technical user (Profile → Personal Access Tokens), or use its password, and save it as a credential of that kind.",
        ),
        Finding::AuthDataCenterSecretOnCloud => explained(
            "Jira Cloud does not accept this secret: it is not a Jira Cloud API token.".into(),
            "Jira Cloud accepts only an Atlassian account's email with an API token (they start with ATATT). A Data Center personal access token or a password does not work there.".into(),
            "Sign in to id.atlassian.com as the technical user, create an API token (Security → API tokens), and save it with that account's email.",
        ),
        Finding::AuthCaptcha { login_url } => explained(
            "Jira has locked the account behind a CAPTCHA.".into(),
            "After several failed sign-ins Jira asks for a CAPTCHA, which only a person in a browser can answer. Until then it refuses every sign-in of this account, even with the right password.".into(),
            &format!("1. Open {login_url} in a browser. 2. Sign in as the technical user and answer the CAPTCHA. 3. Make sure the password saved in Kakehashi is the right one, then test again."),
        ),
        Finding::AuthTtnxPasswordRefused { login } => explained(
            format!("TimeTracker NX refused the password of {login}."),
            "Either the password is wrong, or the account signs in only through single sign-on (SSO), and then TimeTracker NX accepts no password at all.".into(),
            "Check the password. If the account uses SSO, create an API key for it in TimeTracker NX (personal settings) and save it as a “TimeTracker NX: API key” credential instead.",
        ),
        Finding::AuthTtnxSsoOnly { login } => explained(
            format!("{login} signs in only through single sign-on (SSO): TimeTracker NX accepts no password for this account."),
            "The server says local sign-in is not allowed for this account, so no password will ever work.".into(),
            "Create an API key for the account in TimeTracker NX (personal settings) and save it as a “TimeTracker NX: API key” credential instead of the password.",
        ),
        Finding::AuthOAuthSignedOut => explained(
            "Not signed in.".into(),
            "This OAuth credential holds no sign-in yet, or it was signed out.".into(),
            "Sign in with it (Credentials → Sign in), then test again.",
        ),
        Finding::AuthOAuthRefused => explained(
            "The server no longer accepts this sign-in.".into(),
            "The OAuth authorization was revoked or has run out, and renewing it was refused.".into(),
            "Sign in again (Credentials → Sign in), then test again.",
        ),
        Finding::AuthRefused => explained(
            "The server refused the credential.".into(),
            "The password, token or key is wrong, has expired or was revoked, or it belongs to another login.".into(),
            "Check the login. Create a new token or password if needed and save it with Rotate, then test again.",
        ),
        Finding::AuthForbidden { detail } => explained(
            "The server refuses this account.".into(),
            format!("The credential is right, but the account may not use the server: it may be deactivated or have no licence for the product. {detail}"),
            "Ask the server's administrator to activate the account and give it access.",
        ),
        Finding::AuthNotUsable => explained(
            "This kind of credential cannot sign in here.".into(),
            "Assets Data Manager tokens work only in the Assets client they were made for, not with the server's REST interface.".into(),
            "Pick another credential for this side: an API token, a personal access token or a password.",
        ),
        Finding::AuthSecretMissing => explained(
            "The credential's secret is missing from the keychain.".into(),
            "Its password, token or key was removed from this computer's keychain outside Kakehashi.".into(),
            "Enter the secret again: Credentials → Rotate.",
        ),
        Finding::AuthKeychain { detail } => explained(
            "The keychain could not be read.".into(),
            detail.clone(),
            "Unlock the keychain (or sign in to this computer again), then test again.",
        ),
        Finding::AuthFailed { detail } => explained(
            "Signing in did not work.".into(),
            detail.clone(),
            TRY_AGAIN,
        ),

        Finding::IdentityDedicated { who } => plain(format!(
            "Signs in as {who}. Changes made by this account are never synced back: use a dedicated account."
        )),
        Finding::IdentityLooksPersonal { who, os_user } => explained(
            format!("Signs in as {who}. Changes made by this account are never synced back: use a dedicated account."),
            format!("This looks like your own account (this computer's user is {os_user}). Kakehashi ignores the changes this account makes, so your own edits would never be synced."),
            "Create a technical user just for Kakehashi (for example kakehashi-sync) with the permissions listed below, and use its credential here.",
        ),

        Finding::PermissionsGranted => plain("The account has every permission the sync needs.".into()),
        Finding::PermissionsMissing { product, missing } => explained(
            format!("Missing: {}.", labels(missing)),
            "Without these permissions the sync stops with an error whenever it needs one of them.".into(),
            match product {
                ServerKind::JiraCloud | ServerKind::JiraDataCenter => "Ask a Jira administrator to grant them to the technical user in the permission scheme of the projects to sync (usually by adding the user to a project role that has them).",
                ServerKind::TimeTrackerNx => "Ask a TimeTracker NX system administrator to give the technical user a system role with “Manage Project”: Kakehashi needs it to add members to projects.",
                ServerKind::Asana => "Ask an Asana workspace admin to make the account a full member of the workspace (not a guest) with edit access to the projects to sync.",
            },
        ),
        Finding::PermissionsNoProject => explained(
            "Cannot check yet: the account sees no running project.".into(),
            "“Manage Project” is checked on a project the account can see (with a change that changes nothing).".into(),
            "Add the technical user to at least one running project, then test again.",
        ),
        Finding::PermissionsNoTask => explained(
            "Cannot check yet: the account sees no task.".into(),
            "Write access is checked on a task the account can see (with a change that changes nothing).".into(),
            "Add the account to a project that has at least one task, then test again.",
        ),
        Finding::PermissionsReadOnlyScope { scopes } => explained(
            format!("The OAuth sign-in only allows reading ({scopes})."),
            "The sync creates and changes tasks, which a read-only authorization does not allow.".into(),
            "Register the OAuth credential again without read-only scopes (leave the scopes empty for full access) and sign in again.",
        ),
        Finding::PermissionsFailed { detail } => explained(
            "The permissions could not be checked.".into(),
            detail.clone(),
            TRY_AGAIN,
        ),

        Finding::ClockInSync { seconds } => plain(format!(
            "In step with the server (off by {seconds} s)."
        )),
        Finding::ClockSkewed { minutes, server_ahead } => explained(
            if *server_ahead {
                format!("This computer's clock is {minutes} minutes behind the server's.")
            } else {
                format!("This computer's clock is {minutes} minutes ahead of the server's.")
            },
            "Kakehashi asks the servers for changes since a point in time. With clocks this far apart, changes can be missed or synced twice.".into(),
            "Fix the clock of this computer or of the server: turn on automatic time (NTP) in the date and time settings, or ask the server's administrator to.",
        ),
        Finding::ClockUnknown => explained(
            "The server did not say what time it is.".into(),
            "Without the server's time Kakehashi cannot tell whether the two clocks agree.".into(),
            "Make sure this computer sets its clock automatically (NTP).",
        ),
        Finding::ClockFailed { detail } => explained(
            "The server's time could not be read.".into(),
            detail.clone(),
            "Make sure this computer sets its clock automatically (NTP), and test again later.",
        ),

        Finding::EmailVisible { visible, total } => plain(format!(
            "{visible} of {total} users show their email address."
        )),
        Finding::EmailHidden { total } => explained(
            format!("None of the {total} other users shows an email address."),
            "Kakehashi matches people on the two servers by email address. With the addresses hidden, assignees and work logs cannot be matched that way.".into(),
            "An Atlassian organization admin can make email addresses visible to this account (admin.atlassian.com, profile visibility), or map people by name in the sync profile.",
        ),
        Finding::EmailNobodyElse => explained(
            "Cannot check yet: the account sees no other users.".into(),
            "Whether addresses are visible shows only on other people's profiles.".into(),
            "Give the technical user the global permission “Browse users and groups”, then test again.",
        ),
        Finding::EmailFailed { detail } => explained(
            "Could not check whether email addresses are visible.".into(),
            detail.clone(),
            TRY_AGAIN,
        ),
    }
}
