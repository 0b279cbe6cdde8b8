//! Svenska.

use super::{Rendered, Words};
use crate::connection_test::findings::Finding;
use crate::connection_test::model::CheckId;
use crate::workspace::ServerKind;

pub(super) const WORDS: Words = Words {
    heading: "Kakehashi anslutningstest",
    tested_at: "Testad",
    result: "Resultat",
    left: "Vänster",
    right: "Höger",
    credential: "Inloggningsuppgift",
    no_credential: "ingen",
    why: "Varför",
    fix: "Gör så här",
    certificate: "Certifikat",
    subject: "Utfärdat till",
    issuer: "Utfärdat av",
    valid: "Giltigt",
    fingerprint: "SHA-256-fingeravtryck",
    granted: "finns",
    missing: "saknas",
    passed: "Godkänt",
    warning: "Varning",
    failed: "Misslyckades",
    skipped: "Hoppades över",
    pending: "Väntar",
    running: "Kontrollerar",
    trust_suggestion: "Förslag: lita på det här certifikatet",
};

pub(super) fn title(check: CheckId) -> &'static str {
    match check {
        CheckId::Dns => "Namnuppslagning (DNS)",
        CheckId::Tcp => "Nätverksanslutning (TCP)",
        CheckId::Tls => "Säker anslutning (TLS)",
        CheckId::Proxy => "Proxy",
        CheckId::Addresses => "Serveradresser",
        CheckId::Product => "Produkt och version",
        CheckId::Auth => "Inloggning",
        CheckId::Identity => "Teknisk användare",
        CheckId::Permissions => "Behörigheter",
        CheckId::Clock => "Klocka",
        CheckId::EmailVisibility => "Synliga e-postadresser",
    }
}

pub(super) fn permission(key: &str) -> Option<&'static str> {
    Some(match key {
        "BROWSE_PROJECTS" => "Bläddra i projekt",
        "CREATE_ISSUES" => "Skapa ärenden",
        "EDIT_ISSUES" => "Redigera ärenden",
        "TRANSITION_ISSUES" => "Flytta ärenden i arbetsflödet",
        "ADD_COMMENTS" => "Lägga till kommentarer",
        "CREATE_ATTACHMENTS" => "Skapa bilagor",
        "WORK_ON_ISSUES" => "Logga arbete",
        "MANAGE_PROJECT" => "Hantera projekt (projektmedlemmar)",
        "WRITE" => "Skapa och redigera uppgifter",
        _ => return None,
    })
}

fn labels(keys: &[String]) -> String {
    keys.iter()
        .map(|key| permission(key).map_or_else(|| key.clone(), str::to_owned))
        .collect::<Vec<_>>()
        .join(", ")
}

const TRY_AGAIN: &str = "Testa igen om några minuter. Om det fortsätter att misslyckas, kopiera rapporten och skicka den till IT-avdelningen.";

pub(super) fn render(finding: &Finding) -> Rendered {
    let plain = Rendered::plain;
    let explained =
        |summary: String, why: String, fix: &str| Rendered::explained(summary, why, fix.to_owned());
    match finding {
        Finding::Waiting => plain("Väntar…".into()),
        Finding::Checking => plain("Kontrollerar…".into()),
        Finding::SkippedAfter { check } => plain(format!(
            "Inte kontrollerat, på grund av ”{}” ovan.",
            title(*check)
        )),

        Finding::DnsResolved { host, addresses, proxy } => plain(match proxy {
            None if addresses.as_slice() == [host.clone()] => {
                format!("{host} är en IP-adress: det finns inget namn att slå upp.")
            }
            None => format!("{host} → {}", addresses.join(", ")),
            Some(proxy) => format!(
                "Proxy {proxy}: {host} → {} (proxyn slår själv upp serverns namn)",
                addresses.join(", ")
            ),
        }),
        Finding::DnsFailed { host, proxy: None } => explained(
            format!("Namnet {host} är okänt."),
            format!("Datorn hittar inte adressen till {host}. Namnet kan vara felstavat, det kan bara finnas i företagets interna nätverk, eller så svarar inte namnservern."),
            "Kontrollera stavningen i adressen. Om servern finns i företagets nätverk, anslut till VPN först. Om det ändå misslyckas, fråga IT-avdelningen om den här datorn kan slå upp namnet.",
        ),
        Finding::DnsFailed { host, proxy: Some(proxy) } => explained(
            format!("Proxyns namn {host} är okänt."),
            format!("Alla anrop till den här servern går via proxyn {proxy}, och datorn hittar inte proxyns adress."),
            "Kontrollera proxyn i serverns inställningar (eller systemets proxyinställningar). Anslut till VPN om proxyn finns i företagets nätverk.",
        ),

        Finding::TcpConnected { address, proxy: None } => plain(format!("Ansluten till {address}.")),
        Finding::TcpConnected { address, proxy: Some(_) } => {
            plain(format!("Ansluten till proxyn på {address}."))
        }
        Finding::TcpRefused { address, proxy } => explained(
            match proxy {
                None => format!("{address} nekade anslutningen."),
                Some(_) => format!("Proxyn på {address} nekade anslutningen."),
            },
            "Datorn på den adressen svarar, men ingenting tar emot anslutningar på den porten: tjänsten kan vara stoppad, porten kan vara fel, eller så nekar en brandvägg.".into(),
            "Kontrollera porten i adressen (till exempel :8443). Fråga serverns administratör om tjänsten är igång, och IT-avdelningen om en brandvägg stoppar den här datorn.",
        ),
        Finding::TcpTimedOut { address, proxy } => explained(
            match proxy {
                None => format!("Inget svar från {address} inom 5 sekunder."),
                Some(_) => format!("Inget svar från proxyn på {address} inom 5 sekunder."),
            },
            "Inget svar kom tillbaka: en brandvägg kan slänga anslutningen, eller så nås servern bara inifrån företagets nätverk.".into(),
            "Anslut till VPN om servern är intern, och fråga IT-avdelningen om brandväggen släpper igenom den här datorn.",
        ),

        Finding::TlsPlainHttp => plain("Används inte: adressen börjar med http://, så anslutningen är inte krypterad.".into()),
        Finding::TlsTrusted => plain("Certifikatet är giltigt och betrott av den här datorn.".into()),
        Finding::TlsPinned => plain("Betrott: du har valt att lita på exakt det här certifikatet för den här servern.".into()),
        Finding::TlsUntrusted { reason } => explained(
            "Den här datorn litar inte på serverns certifikat.".into(),
            format!("Ingen som datorn litar på går i god för certifikatet ({reason}). Det är normalt för ett självsignerat certifikat eller ett företagscertifikat, men det är också så det ser ut om någon avlyssnar anslutningen."),
            "Be serverns administratör om certifikatets SHA-256-fingeravtryck och jämför det med det som visas här. Välj ”Lita på det här certifikatet” bara om de stämmer överens. Du kan också lägga till företagets CA-certifikat i serverns inställningar.",
        ),
        Finding::TlsFailed { detail } => explained(
            "Den säkra anslutningen kunde inte upprättas.".into(),
            format!("Servern och datorn kunde inte komma överens om krypteringen. {detail}"),
            "Kontrollera att adressen pekar på serverns https-port, eller använd http:// om servern saknar TLS. Om säkerhetsprogram eller en proxy granskar anslutningar, fråga IT-avdelningen.",
        ),

        Finding::ProxyNone => plain("Ingen: datorn ansluter direkt.".into()),
        Finding::ProxyInUse { proxy } => plain(format!("Anropen går via {proxy}.")),
        Finding::ProxyUnreachable { proxy } => explained(
            format!("Proxyn {proxy} går inte att nå."),
            "Alla anrop till den här servern går via proxyn, och proxyn svarar inte.".into(),
            "Kontrollera proxyns adress och port i serverns inställningar (eller systemets proxyinställningar). Om servern nås utan proxy, ställ in serverns proxy på ”Direkt”.",
        ),
        Finding::ProxyRefused { proxy, detail } => explained(
            format!("Proxyn {proxy} nekade anropet."),
            format!("Proxyn svarade men skickade inte vidare anropet till servern. {detail}"),
            "Om proxyn kräver inloggning, fråga IT-avdelningen vilka proxyinställningar som ska användas, eller be dem släppa igenom den här datorn till servern.",
        ),

        Finding::AddressReached { base } => plain(format!("{base} svarar.")),
        Finding::AddressesBothReached { base, alt } => plain(format!(
            "Både {base} och den alternativa URL:en {alt} svarar; Kakehashi ansluter via den alternativa URL:en."
        )),
        Finding::AddressOnlyAlternative { base, alt } => plain(format!(
            "Bara den alternativa URL:en {alt} svarar från den här datorn. Det går bra: Kakehashi ansluter via den, och länkar använder fortfarande {base}."
        )),
        Finding::AddressAlternativeFails { base, alt } => explained(
            format!("Den alternativa URL:en {alt} svarar inte, men {base} gör det."),
            "Så länge en alternativ URL är inställd går alla anrop dit, så ingenting når servern.".into(),
            "Rätta den alternativa URL:en i serverns inställningar, eller ta bort den så att Kakehashi använder bas-URL:en.",
        ),
        Finding::AddressBaseFails { base } => explained(
            format!("{base} svarar inte från den här datorn."),
            "Kakehashi når inte servern på adressen du angav.".into(),
            "Kontrollera adressen. Om datorn når servern på en annan adress (till exempel inom företagets nätverk), ange den som alternativ URL.",
        ),
        Finding::AddressesNoneReached { base, alt } => explained(
            format!("Varken {base} eller den alternativa URL:en {alt} svarar."),
            "Kakehashi når inte servern på någon av adresserna.".into(),
            "Kontrollera båda adresserna, nätverksanslutningen (VPN), proxyn och brandväggen.",
        ),

        Finding::ProductFound { kind, version } => plain(match version {
            Some(version) => format!("{} {version}", kind.product_name()),
            None => kind.product_name().to_owned(),
        }),
        Finding::ProductMismatch { expected, found } => explained(
            format!("Den här servern är {}, inte {}.", found.product_name(), expected.product_name()),
            "Produkterna har olika gränssnitt och tar olika inloggningsuppgifter, så Kakehashi kan inte arbeta mot en server som är sparad som fel produkt.".into(),
            &format!("Ta bort servern och lägg till den igen som {found}, och välj sedan en inloggningsuppgift gjord för {found}.", found = found.product_name()),
        ),
        Finding::ProductNotRecognised { expected, detail } => explained(
            format!("Adressen svarar, men inte som {}.", expected.product_name()),
            detail.clone(),
            &format!("Kontrollera adressen: det är den du öppnar {} med i webbläsaren, inklusive en sökväg som /jira eller /TimeTrackerNX. En inloggningssida eller ett meddelande från en proxy emellan ger också det här.", expected.product_name()),
        ),

        Finding::ProductHidden { expected } => explained(
            "Servern berättar inte för anonyma besökare vad den är.".into(),
            format!("Serverinformationen kräver inloggning, så om det verkligen är {} syns först efter inloggningen.", expected.product_name()),
            "Inget behöver göras om inloggningen nedan fungerar. Om även den misslyckas, kontrollera att adressen är den du öppnar Jira med i webbläsaren.",
        ),

        Finding::AuthSignedIn { who } => plain(format!("Inloggad som {who}.")),
        Finding::AuthNoCredential => explained(
            "Det finns ingen inloggningsuppgift att logga in med.".into(),
            "Den här sidan anger ingen inloggningsuppgift, och servern har ingen tjänsteinloggning.".into(),
            "Välj en inloggningsuppgift för den här sidan, eller lägg till en för servern och gör den till tjänsteinloggning (Inloggningsuppgifter → Lägg till).",
        ),
        Finding::AuthCloudTokenOnDataCenter => explained(
            "En API-token för Jira Cloud användes mot Jira Data Center.".into(),
            "Den här servern är Jira Data Center, som inte tar emot API-tokens för Atlassian Cloud (de börjar med ATATT).".into(),
            "Skapa en personlig åtkomsttoken för den tekniska användaren på den här servern (Profil → Personliga åtkomsttokens), eller använd dess lösenord, och spara den som en inloggningsuppgift av den sorten.",
        ),
        Finding::AuthDataCenterSecretOnCloud => explained(
            "Jira Cloud tar inte emot den här hemligheten: det är ingen API-token för Jira Cloud.".into(),
            "Jira Cloud tar bara emot ett Atlassian-kontos e-postadress tillsammans med en API-token (de börjar med ATATT). En personlig åtkomsttoken från Data Center eller ett lösenord fungerar inte där.".into(),
            "Logga in på id.atlassian.com som den tekniska användaren, skapa en API-token (Säkerhet → API-tokens) och spara den med kontots e-postadress.",
        ),
        Finding::AuthCaptcha { login_url } => explained(
            "Jira har låst kontot bakom en CAPTCHA.".into(),
            "Efter flera misslyckade inloggningar kräver Jira en CAPTCHA, som bara en människa i en webbläsare kan besvara. Tills dess nekas varje inloggning för kontot, även med rätt lösenord.".into(),
            &format!("1. Öppna {login_url} i en webbläsare. 2. Logga in som den tekniska användaren och besvara CAPTCHA:n. 3. Kontrollera att lösenordet som är sparat i Kakehashi är rätt, och testa sedan igen."),
        ),
        Finding::AuthTtnxPasswordRefused { login } => explained(
            format!("TimeTracker NX nekade lösenordet för {login}."),
            "Antingen är lösenordet fel, eller så loggar kontot bara in via enkel inloggning (SSO), och då tar TimeTracker NX inte emot något lösenord alls.".into(),
            "Kontrollera lösenordet. Om kontot använder SSO, skapa en API-nyckel för det i TimeTracker NX (personliga inställningar) och spara den i stället som en inloggningsuppgift av typen ”TimeTracker NX: API-nyckel”.",
        ),
        Finding::AuthTtnxSsoOnly { login } => explained(
            format!("{login} loggar bara in via enkel inloggning (SSO): TimeTracker NX tar inte emot något lösenord för kontot."),
            "Servern säger att lokal inloggning inte är tillåten för kontot, så inget lösenord kommer någonsin att fungera.".into(),
            "Skapa en API-nyckel för kontot i TimeTracker NX (personliga inställningar) och spara den som en inloggningsuppgift av typen ”TimeTracker NX: API-nyckel” i stället för lösenordet.",
        ),
        Finding::AuthOAuthSignedOut => explained(
            "Inte inloggad.".into(),
            "Den här OAuth-inloggningsuppgiften har ingen inloggning ännu, eller så har den loggats ut.".into(),
            "Logga in med den (Inloggningsuppgifter → Logga in) och testa sedan igen.",
        ),
        Finding::AuthOAuthRefused => explained(
            "Servern godtar inte längre den här inloggningen.".into(),
            "OAuth-behörigheten har återkallats eller gått ut, och förnyelsen nekades.".into(),
            "Logga in igen (Inloggningsuppgifter → Logga in) och testa sedan igen.",
        ),
        Finding::AuthRefused => explained(
            "Servern nekade inloggningsuppgiften.".into(),
            "Lösenordet, nyckeln eller token är fel, har gått ut eller har återkallats, eller så hör uppgiften till ett annat användarnamn.".into(),
            "Kontrollera användarnamnet. Skapa vid behov en ny token eller ett nytt lösenord och spara det med Byt ut, och testa sedan igen.",
        ),
        Finding::AuthForbidden { detail } => explained(
            "Servern nekar det här kontot.".into(),
            format!("Inloggningsuppgiften stämmer, men kontot får inte använda servern: det kan vara inaktiverat eller sakna licens för produkten. {detail}"),
            "Be serverns administratör att aktivera kontot och ge det åtkomst.",
        ),
        Finding::AuthNotUsable => explained(
            "Den här sortens inloggningsuppgift kan inte logga in här.".into(),
            "Tokens för Assets Data Manager fungerar bara i den Assets-klient de skapades för, inte mot serverns REST-gränssnitt.".into(),
            "Välj en annan inloggningsuppgift för den här sidan: en API-token, en personlig åtkomsttoken eller ett lösenord.",
        ),
        Finding::AuthSecretMissing => explained(
            "Inloggningsuppgiftens hemlighet saknas i nyckelringen.".into(),
            "Lösenordet, nyckeln eller token har tagits bort ur datorns nyckelring utanför Kakehashi.".into(),
            "Ange hemligheten igen: Inloggningsuppgifter → Byt ut.",
        ),
        Finding::AuthKeychain { detail } => explained(
            "Nyckelringen gick inte att läsa.".into(),
            detail.clone(),
            "Lås upp nyckelringen (eller logga in på datorn igen) och testa sedan igen.",
        ),
        Finding::AuthFailed { detail } => explained(
            "Inloggningen fungerade inte.".into(),
            detail.clone(),
            TRY_AGAIN,
        ),

        Finding::IdentityDedicated { who } => plain(format!(
            "Loggar in som {who}. Ändringar som det här kontot gör synkas aldrig tillbaka: använd ett konto som bara används för detta."
        )),
        Finding::IdentityLooksPersonal { who, os_user } => explained(
            format!("Loggar in som {who}. Ändringar som det här kontot gör synkas aldrig tillbaka: använd ett konto som bara används för detta."),
            format!("Det här ser ut att vara ditt eget konto (datorns användare är {os_user}). Kakehashi bortser från ändringar som kontot gör, så dina egna ändringar skulle aldrig synkas."),
            "Skapa en teknisk användare enbart för Kakehashi (till exempel kakehashi-sync) med behörigheterna nedan, och använd dess inloggningsuppgift här.",
        ),

        Finding::PermissionsGranted => plain("Kontot har alla behörigheter som synken behöver.".into()),
        Finding::PermissionsMissing { product, missing } => explained(
            format!("Saknas: {}.", labels(missing)),
            "Utan de här behörigheterna stannar synken med ett fel varje gång den behöver någon av dem.".into(),
            match product {
                ServerKind::JiraCloud | ServerKind::JiraDataCenter => "Be en Jira-administratör att ge den tekniska användaren behörigheterna i behörighetsschemat för projekten som ska synkas (vanligtvis genom att lägga till användaren i en projektroll som har dem).",
                ServerKind::TimeTrackerNx => "Be en systemadministratör för TimeTracker NX att ge den tekniska användaren en systemroll med ”Hantera projekt”: Kakehashi behöver den för att lägga till medlemmar i projekt.",
                ServerKind::Asana => "Be en administratör för Asana-arbetsytan att göra kontot till fullvärdig medlem i arbetsytan (inte gäst) med redigeringsrätt i projekten som ska synkas.",
            },
        ),
        Finding::PermissionsNoProject => explained(
            "Kan inte kontrolleras ännu: kontot ser inget pågående projekt.".into(),
            "”Hantera projekt” kontrolleras på ett projekt som kontot ser (med en ändring som inte ändrar något).".into(),
            "Lägg till den tekniska användaren i minst ett pågående projekt och testa sedan igen.",
        ),
        Finding::PermissionsNoTask => explained(
            "Kan inte kontrolleras ännu: kontot ser ingen uppgift.".into(),
            "Skrivrätten kontrolleras på en uppgift som kontot ser (med en ändring som inte ändrar något).".into(),
            "Lägg till kontot i ett projekt som har minst en uppgift och testa sedan igen.",
        ),
        Finding::PermissionsReadOnlyScope { scopes } => explained(
            format!("OAuth-inloggningen tillåter bara läsning ({scopes})."),
            "Synken skapar och ändrar uppgifter, och det tillåter inte en behörighet som bara får läsa.".into(),
            "Registrera OAuth-inloggningsuppgiften igen utan skrivskyddade omfång (lämna omfången tomma för full åtkomst) och logga in igen.",
        ),
        Finding::PermissionsFailed { detail } => explained(
            "Behörigheterna kunde inte kontrolleras.".into(),
            detail.clone(),
            TRY_AGAIN,
        ),

        Finding::ClockInSync { seconds } => plain(format!(
            "Går i takt med servern (skillnad {seconds} s)."
        )),
        Finding::ClockSkewed { minutes, server_ahead } => explained(
            if *server_ahead {
                format!("Datorns klocka ligger {minutes} minuter efter serverns.")
            } else {
                format!("Datorns klocka ligger {minutes} minuter före serverns.")
            },
            "Kakehashi frågar servrarna efter ändringar sedan en viss tidpunkt. När klockorna skiljer så mycket kan ändringar missas eller synkas två gånger.".into(),
            "Rätta klockan på den här datorn eller på servern: slå på automatisk tid (NTP) i inställningarna för datum och tid, eller be serverns administratör göra det.",
        ),
        Finding::ClockUnknown => explained(
            "Servern angav inte vad klockan är.".into(),
            "Utan serverns tid kan Kakehashi inte avgöra om klockorna stämmer överens.".into(),
            "Se till att datorn ställer klockan automatiskt (NTP).",
        ),
        Finding::ClockFailed { detail } => explained(
            "Serverns tid gick inte att läsa.".into(),
            detail.clone(),
            "Se till att datorn ställer klockan automatiskt (NTP), och testa igen senare.",
        ),

        Finding::EmailVisible { visible, total } => plain(format!(
            "{visible} av {total} användare visar sin e-postadress."
        )),
        Finding::EmailHidden { total } => explained(
            format!("Ingen av de {total} andra användarna visar någon e-postadress."),
            "Kakehashi matchar personer på de två servrarna via e-postadress. När adresserna är dolda kan ansvariga och arbetsloggar inte matchas på det sättet.".into(),
            "En organisationsadministratör hos Atlassian kan göra e-postadresserna synliga för det här kontot (admin.atlassian.com, profilens synlighet), eller så matchar du personer efter namn i synkprofilen.",
        ),
        Finding::EmailNobodyElse => explained(
            "Kan inte kontrolleras ännu: kontot ser inga andra användare.".into(),
            "Om adresserna är synliga syns bara på andra personers profiler.".into(),
            "Ge den tekniska användaren den globala behörigheten ”Bläddra bland användare och grupper” och testa sedan igen.",
        ),
        Finding::EmailFailed { detail } => explained(
            "Det gick inte att kontrollera om e-postadresserna är synliga.".into(),
            detail.clone(),
            TRY_AGAIN,
        ),
    }
}
