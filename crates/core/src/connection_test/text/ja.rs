//! 日本語。

use super::{Rendered, Words};
use crate::connection_test::findings::Finding;
use crate::connection_test::model::CheckId;
use crate::workspace::ServerKind;

pub(super) const WORDS: Words = Words {
    heading: "Kakehashi 接続テスト",
    tested_at: "テスト日時",
    result: "結果",
    left: "左側",
    right: "右側",
    credential: "認証情報",
    no_credential: "なし",
    why: "原因",
    fix: "対処方法",
    certificate: "証明書",
    subject: "発行先",
    issuer: "発行者",
    valid: "有効期間",
    fingerprint: "SHA-256 フィンガープリント",
    granted: "あり",
    missing: "なし",
    passed: "成功",
    warning: "警告",
    failed: "失敗",
    skipped: "未実施",
    pending: "待機中",
    running: "確認中",
    trust_suggestion: "提案: この証明書を信頼する",
};

pub(super) fn title(check: CheckId) -> &'static str {
    match check {
        CheckId::Dns => "名前解決（DNS）",
        CheckId::Tcp => "ネットワーク接続（TCP）",
        CheckId::Tls => "暗号化通信（TLS）",
        CheckId::Proxy => "プロキシ",
        CheckId::Addresses => "サーバーのアドレス",
        CheckId::Product => "製品とバージョン",
        CheckId::Auth => "サインイン",
        CheckId::Identity => "連携用ユーザー",
        CheckId::Permissions => "権限",
        CheckId::Clock => "時刻",
        CheckId::EmailVisibility => "メールアドレスの公開",
    }
}

pub(super) fn permission(key: &str) -> Option<&'static str> {
    Some(match key {
        "BROWSE_PROJECTS" => "プロジェクトの閲覧",
        "CREATE_ISSUES" => "課題の作成",
        "EDIT_ISSUES" => "課題の編集",
        "TRANSITION_ISSUES" => "課題のトランジション",
        "ADD_COMMENTS" => "コメントの追加",
        "CREATE_ATTACHMENTS" => "添付ファイルの作成",
        "WORK_ON_ISSUES" => "作業ログの記録",
        "MANAGE_PROJECT" => "プロジェクトの管理（メンバーの追加）",
        "WRITE" => "タスクの作成と編集",
        _ => return None,
    })
}

fn labels(keys: &[String]) -> String {
    keys.iter()
        .map(|key| permission(key).map_or_else(|| key.clone(), str::to_owned))
        .collect::<Vec<_>>()
        .join("、")
}

const TRY_AGAIN: &str = "数分後にもう一度テストしてください。失敗が続く場合は、このレポートをコピーして情報システム部門に送ってください。";

pub(super) fn render(finding: &Finding) -> Rendered {
    let plain = Rendered::plain;
    let explained =
        |summary: String, why: String, fix: &str| Rendered::explained(summary, why, fix.to_owned());
    match finding {
        Finding::Waiting => plain("待機中…".into()),
        Finding::Checking => plain("確認中…".into()),
        Finding::SkippedAfter { check } => plain(format!(
            "上の「{}」の結果を受けて、確認していません。",
            title(*check)
        )),

        Finding::DnsResolved { host, addresses, proxy } => plain(match proxy {
            None if addresses.as_slice() == [host.clone()] => {
                format!("{host} は IP アドレスのため、調べる名前はありません。")
            }
            None => format!("{host} → {}", addresses.join(", ")),
            Some(proxy) => format!(
                "プロキシ {proxy}: {host} → {}（サーバーの名前はプロキシが解決します）",
                addresses.join(", ")
            ),
        }),
        Finding::DnsFailed { host, proxy: None } => explained(
            format!("{host} という名前が見つかりません。"),
            format!("このコンピューターは {host} のアドレスを調べられません。名前の綴りが違う、社内ネットワークの中でしか使えない名前である、または DNS サーバーが応答していない、のいずれかと考えられます。"),
            "アドレスの綴りを確認してください。社内のサーバーであれば、先に VPN に接続してください。それでも失敗する場合は、このコンピューターからその名前を引けるかどうか、情報システム部門に確認してください。",
        ),
        Finding::DnsFailed { host, proxy: Some(proxy) } => explained(
            format!("プロキシ {host} の名前が見つかりません。"),
            format!("このサーバーへの通信はすべてプロキシ {proxy} を経由しますが、このコンピューターはプロキシのアドレスを調べられません。"),
            "サーバーのプロキシ設定（またはシステムのプロキシ設定）を確認してください。プロキシが社内にある場合は、VPN に接続してください。",
        ),

        Finding::TcpConnected { address, proxy: None } => plain(format!("{address} に接続しました。")),
        Finding::TcpConnected { address, proxy: Some(_) } => {
            plain(format!("プロキシ {address} に接続しました。"))
        }
        Finding::TcpRefused { address, proxy } => explained(
            match proxy {
                None => format!("{address} に接続を拒否されました。"),
                Some(_) => format!("プロキシ {address} に接続を拒否されました。"),
            },
            "そのアドレスのコンピューターは応答していますが、このポートでは接続を受け付けていません。サービスが停止している、ポート番号が違う、またはファイアウォールで拒否されている可能性があります。".into(),
            "アドレスのポート番号（例: :8443）を確認してください。サービスが動いているかをサーバーの管理者に、ファイアウォールで遮断されていないかを情報システム部門に確認してください。",
        ),
        Finding::TcpTimedOut { address, proxy } => explained(
            match proxy {
                None => format!("{address} から 5 秒以内に応答がありません。"),
                Some(_) => format!("プロキシ {address} から 5 秒以内に応答がありません。"),
            },
            "応答が返ってきません。ファイアウォールで通信が破棄されているか、社内ネットワークからしか接続できないサーバーの可能性があります。".into(),
            "社内のサーバーであれば VPN に接続してください。ファイアウォールでこのコンピューターからの通信が許可されているか、情報システム部門に確認してください。",
        ),

        Finding::TlsPlainHttp => plain("使用しません。アドレスが http:// で始まるため、通信は暗号化されません。".into()),
        Finding::TlsTrusted => plain("証明書は有効で、このコンピューターから信頼されています。".into()),
        Finding::TlsPinned => plain("信頼済み: このサーバーのこの証明書を信頼するよう設定されています。".into()),
        Finding::TlsUntrusted { reason } => explained(
            "このコンピューターはサーバーの証明書を信頼していません。".into(),
            format!("このコンピューターが信頼する認証局のどれも、この証明書を保証していません（{reason}）。自己署名の証明書や社内の証明書では普通のことですが、第三者が通信を傍受している場合も同じように見えます。"),
            "サーバーの管理者に証明書の SHA-256 フィンガープリントを確認し、ここに表示されているものと照合してください。一致した場合に限り「この証明書を信頼する」を選んでください。社内の CA 証明書をサーバーの設定に追加する方法もあります。",
        ),
        Finding::TlsFailed { detail } => explained(
            "暗号化通信を確立できませんでした。".into(),
            format!("サーバーとこのコンピューターの間で、暗号化の方式について合意できませんでした。{detail}"),
            "アドレスがサーバーの https 用のポートを指しているか確認してください（TLS のないサーバーであれば http:// を使います）。セキュリティソフトやプロキシが通信を検査している場合は、情報システム部門に相談してください。",
        ),

        Finding::ProxyNone => plain("なし（直接接続します）。".into()),
        Finding::ProxyInUse { proxy } => plain(format!("{proxy} を経由して通信します。")),
        Finding::ProxyUnreachable { proxy } => explained(
            format!("プロキシ {proxy} に接続できません。"),
            "このサーバーへの通信はすべてこのプロキシを経由しますが、プロキシが応答しません。".into(),
            "サーバーの設定（またはシステムのプロキシ設定）で、プロキシのアドレスとポートを確認してください。プロキシを通さずにサーバーに届く場合は、サーバーのプロキシを「直接接続」にしてください。",
        ),
        Finding::ProxyRefused { proxy, detail } => explained(
            format!("プロキシ {proxy} が要求を拒否しました。"),
            format!("プロキシは応答しましたが、要求をサーバーへ中継しませんでした。{detail}"),
            "プロキシに認証が必要な場合は、使うべきプロキシ設定を情報システム部門に確認するか、このコンピューターからサーバーへの通信を許可してもらってください。",
        ),

        Finding::AddressReached { base } => plain(format!("{base} は応答しています。")),
        Finding::AddressesBothReached { base, alt } => plain(format!(
            "{base} と代替 URL {alt} のどちらも応答しています。Kakehashi は代替 URL 経由で接続します。"
        )),
        Finding::AddressOnlyAlternative { base, alt } => plain(format!(
            "このコンピューターからは代替 URL {alt} だけが応答します。これで問題ありません。Kakehashi は代替 URL 経由で接続し、リンクには引き続き {base} を使います。"
        )),
        Finding::AddressAlternativeFails { base, alt } => explained(
            format!("代替 URL {alt} は応答しませんが、{base} は応答します。"),
            "代替 URL が設定されている間は、すべての通信が代替 URL に送られるため、サーバーに届きません。".into(),
            "サーバーの設定で代替 URL を直すか、削除してベース URL で接続するようにしてください。",
        ),
        Finding::AddressBaseFails { base } => explained(
            format!("このコンピューターから {base} に応答がありません。"),
            "入力されたアドレスでは、Kakehashi はサーバーに届きません。".into(),
            "アドレスを確認してください。このコンピューターから別のアドレス（社内ネットワーク用のアドレスなど）でサーバーに届く場合は、そのアドレスを代替 URL に入力してください。",
        ),
        Finding::AddressesNoneReached { base, alt } => explained(
            format!("{base} も代替 URL {alt} も応答しません。"),
            "どちらのアドレスでも、Kakehashi はサーバーに届きません。".into(),
            "両方のアドレス、ネットワーク接続（VPN）、プロキシ、ファイアウォールを確認してください。",
        ),

        Finding::ProductFound { kind, version } => plain(match version {
            Some(version) => format!("{} {version}", kind.product_name()),
            None => kind.product_name().to_owned(),
        }),
        Finding::ProductMismatch { expected, found } => explained(
            format!("このサーバーは {} ではなく {} です。", expected.product_name(), found.product_name()),
            "製品によって API も使える認証情報も異なるため、別の製品として登録されたサーバーとは連携できません。".into(),
            &format!("このサーバーを削除して {found} として登録し直し、{found} 用の認証情報を選んでください。", found = found.product_name()),
        ),
        Finding::ProductNotRecognised { expected, detail } => explained(
            format!("アドレスは応答しましたが、{} の応答ではありません。", expected.product_name()),
            detail.clone(),
            &format!("アドレスを確認してください。ブラウザーで {} を開くときのアドレスで、/jira や /TimeTrackerNX などのパスも含めて入力します。途中にログイン画面やプロキシの案内ページが入る場合も、このようになります。", expected.product_name()),
        ),

        Finding::ProductHidden { expected } => explained(
            "このサーバーは、サインインしていない相手には製品の情報を返しません。".into(),
            format!("サーバー情報の取得にサインインが必要なため、本当に {} かどうかはサインイン後にしかわかりません。", expected.product_name()),
            "下のサインインが成功すれば、対処は不要です。サインインも失敗する場合は、ブラウザーで Jira を開くときのアドレスになっているか確認してください。",
        ),

        Finding::AuthSignedIn { who } => plain(format!("{who} としてサインインしました。")),
        Finding::AuthNoCredential => explained(
            "サインインに使う認証情報がありません。".into(),
            "この側には認証情報が指定されておらず、サーバーにもサービス認証情報がありません。".into(),
            "この側の認証情報を選ぶか、このサーバーの認証情報を追加してサービス認証情報にしてください（「認証情報」→「追加」）。",
        ),
        Finding::AuthCloudTokenOnDataCenter => explained(
            "Jira Cloud の API トークンが Jira Data Center に使われています。".into(),
            "このサーバーは Jira Data Center で、Atlassian Cloud の API トークン（ATATT で始まるもの）は受け付けません。".into(),
            "このサーバーで連携用ユーザーの個人用アクセストークンを作成する（プロフィール →「個人用アクセストークン」）か、そのユーザーのパスワードを使い、その種類の認証情報として保存してください。",
        ),
        Finding::AuthDataCenterSecretOnCloud => explained(
            "Jira Cloud ではこの秘密情報は使えません。Jira Cloud の API トークンではありません。".into(),
            "Jira Cloud が受け付けるのは、Atlassian アカウントのメールアドレスと API トークン（ATATT で始まるもの）の組み合わせだけです。Data Center の個人用アクセストークンやパスワードは使えません。".into(),
            "連携用ユーザーとして id.atlassian.com にサインインし、API トークンを作成して（「セキュリティ」→「API トークン」）、そのアカウントのメールアドレスと一緒に保存してください。",
        ),
        Finding::AuthCaptcha { login_url } => explained(
            "Jira がこのアカウントを CAPTCHA でロックしています。".into(),
            "サインインに何度か失敗すると、Jira は CAPTCHA の入力を求めます。CAPTCHA はブラウザーで人が答えるしかなく、それまではパスワードが正しくても、このアカウントのサインインはすべて拒否されます。".into(),
            &format!("1. ブラウザーで {login_url} を開きます。2. 連携用ユーザーとしてサインインし、CAPTCHA に答えます。3. Kakehashi に保存したパスワードが正しいことを確かめてから、もう一度テストしてください。"),
        ),
        Finding::AuthTtnxPasswordRefused { login } => explained(
            format!("TimeTracker NX が {login} のパスワードを拒否しました。"),
            "パスワードが間違っているか、このアカウントがシングルサインオン（SSO）専用である可能性があります。SSO 専用のアカウントでは、TimeTracker NX はパスワードを一切受け付けません。".into(),
            "パスワードを確認してください。SSO を使うアカウントの場合は、TimeTracker NX の個人設定で API キーを作成し、「TimeTracker NX: API キー」の認証情報として保存し直してください。",
        ),
        Finding::AuthTtnxSsoOnly { login } => explained(
            format!("{login} はシングルサインオン（SSO）専用のアカウントのため、TimeTracker NX はパスワードを受け付けません。"),
            "このアカウントにはローカル認証が許可されていないとサーバーが応答しました。どのパスワードでもサインインできません。".into(),
            "TimeTracker NX の個人設定でこのアカウントの API キーを作成し、パスワードの代わりに「TimeTracker NX: API キー」の認証情報として保存してください。",
        ),
        Finding::AuthOAuthSignedOut => explained(
            "サインインしていません。".into(),
            "この OAuth 認証情報はまだサインインしていないか、サインアウトされています。".into(),
            "この認証情報でサインインしてから（「認証情報」→「サインイン」）、もう一度テストしてください。",
        ),
        Finding::AuthOAuthRefused => explained(
            "サーバーがこのサインインを受け付けなくなりました。".into(),
            "OAuth の認可が取り消されたか期限が切れ、更新も拒否されました。".into(),
            "もう一度サインインしてから（「認証情報」→「サインイン」）、テストし直してください。",
        ),
        Finding::AuthRefused => explained(
            "サーバーが認証情報を拒否しました。".into(),
            "パスワード、トークンまたはキーが間違っている、期限切れか取り消し済みである、または別のログイン名のものである可能性があります。".into(),
            "ログイン名を確認してください。必要であれば新しいトークンやパスワードを用意し、「更新」で保存してから、もう一度テストしてください。",
        ),
        Finding::AuthForbidden { detail } => explained(
            "サーバーがこのアカウントの利用を拒否しています。".into(),
            format!("認証情報は正しいものの、このアカウントはサーバーを利用できません。無効化されているか、製品のライセンスがない可能性があります。{detail}"),
            "サーバーの管理者に、アカウントを有効にしてアクセス権を与えるよう依頼してください。",
        ),
        Finding::AuthNotUsable => explained(
            "この種類の認証情報ではサインインできません。".into(),
            "Assets Data Manager のトークンは、作成元の Assets クライアントでしか使えず、サーバーの REST API には使えません。".into(),
            "この側には別の認証情報（API トークン、個人用アクセストークン、パスワードなど）を選んでください。",
        ),
        Finding::AuthSecretMissing => explained(
            "認証情報の秘密情報がキーチェーンにありません。".into(),
            "パスワード、トークンまたはキーが、Kakehashi の外でこのコンピューターのキーチェーンから削除されました。".into(),
            "秘密情報を入力し直してください（「認証情報」→「更新」）。",
        ),
        Finding::AuthKeychain { detail } => explained(
            "キーチェーンを読み取れませんでした。".into(),
            detail.clone(),
            "キーチェーンのロックを解除して（必要であればこのコンピューターにサインインし直して）、もう一度テストしてください。",
        ),
        Finding::AuthFailed { detail } => explained(
            "サインインできませんでした。".into(),
            detail.clone(),
            TRY_AGAIN,
        ),

        Finding::IdentityDedicated { who } => plain(format!(
            "{who} としてサインインします。このアカウントによる変更は同期で送り返されないため、専用のアカウントを使ってください。"
        )),
        Finding::IdentityLooksPersonal { who, os_user } => explained(
            format!("{who} としてサインインします。このアカウントによる変更は同期で送り返されないため、専用のアカウントを使ってください。"),
            format!("これはあなた自身のアカウントのようです（このコンピューターのユーザーは {os_user} です）。Kakehashi はこのアカウントによる変更を無視するため、あなた自身の編集が同期されなくなります。"),
            "Kakehashi 専用の連携用ユーザー（例: kakehashi-sync）を作成し、下に示す権限を与えて、その認証情報をここで使ってください。",
        ),

        Finding::PermissionsGranted => plain("同期に必要な権限はすべてそろっています。".into()),
        Finding::PermissionsMissing { product, missing } => explained(
            format!("不足している権限: {}。", labels(missing)),
            "これらの権限がないと、同期はその権限が必要になるたびにエラーで止まります。".into(),
            match product {
                ServerKind::JiraCloud | ServerKind::JiraDataCenter => "Jira の管理者に、同期するプロジェクトの権限スキームでこれらの権限を連携用ユーザーに与えるよう依頼してください（通常は、その権限を持つプロジェクトロールにユーザーを追加します）。",
                ServerKind::TimeTrackerNx => "TimeTracker NX のシステム管理者に、「プロジェクトの管理」を含むシステムロールを連携用ユーザーに与えるよう依頼してください。Kakehashi はプロジェクトにメンバーを追加するためにこの権限を使います。",
                ServerKind::Asana => "Asana のワークスペース管理者に、このアカウントをゲストではなく正規メンバーにし、同期するプロジェクトの編集権限を与えるよう依頼してください。",
            },
        ),
        Finding::PermissionsNoProject => explained(
            "まだ確認できません。このアカウントから見える進行中のプロジェクトがありません。".into(),
            "「プロジェクトの管理」は、アカウントから見えるプロジェクトに対して、何も変更しない更新を送って確認します。".into(),
            "連携用ユーザーを進行中のプロジェクトに 1 つ以上追加してから、もう一度テストしてください。",
        ),
        Finding::PermissionsNoTask => explained(
            "まだ確認できません。このアカウントから見えるタスクがありません。".into(),
            "書き込み権限は、アカウントから見えるタスクに対して、何も変更しない更新を送って確認します。".into(),
            "タスクが 1 つ以上あるプロジェクトにアカウントを追加してから、もう一度テストしてください。",
        ),
        Finding::PermissionsReadOnlyScope { scopes } => explained(
            format!("この OAuth のサインインでは読み取りしかできません（{scopes}）。"),
            "同期ではタスクを作成・変更しますが、読み取り専用の認可ではそれができません。".into(),
            "読み取り専用のスコープを付けずに OAuth 認証情報を登録し直し（全権限にするにはスコープを空欄にします）、もう一度サインインしてください。",
        ),
        Finding::PermissionsFailed { detail } => explained(
            "権限を確認できませんでした。".into(),
            detail.clone(),
            TRY_AGAIN,
        ),

        Finding::ClockInSync { seconds } => plain(format!(
            "サーバーの時刻と合っています（差は {seconds} 秒）。"
        )),
        Finding::ClockSkewed { minutes, server_ahead } => explained(
            if *server_ahead {
                format!("このコンピューターの時計がサーバーより {minutes} 分遅れています。")
            } else {
                format!("このコンピューターの時計がサーバーより {minutes} 分進んでいます。")
            },
            "Kakehashi は、ある時点以降の変更をサーバーに問い合わせます。時刻がこれほどずれていると、変更を取りこぼしたり、二重に同期したりするおそれがあります。".into(),
            "このコンピューターかサーバーの時計を直してください。日付と時刻の設定で時刻の自動設定（NTP）を有効にするか、サーバーの管理者に依頼してください。",
        ),
        Finding::ClockUnknown => explained(
            "サーバーが時刻を返しませんでした。".into(),
            "サーバーの時刻がわからないため、時計が合っているかどうか判断できません。".into(),
            "このコンピューターの時刻が自動設定（NTP）になっていることを確認してください。",
        ),
        Finding::ClockFailed { detail } => explained(
            "サーバーの時刻を読み取れませんでした。".into(),
            detail.clone(),
            "このコンピューターの時刻が自動設定（NTP）になっていることを確認し、後でもう一度テストしてください。",
        ),

        Finding::EmailVisible { visible, total } => plain(format!(
            "{total} 人中 {visible} 人のメールアドレスが見えています。"
        )),
        Finding::EmailHidden { total } => explained(
            format!("ほかのユーザー {total} 人のメールアドレスが、1 人も見えません。"),
            "Kakehashi は 2 つのサーバーのユーザーをメールアドレスで対応付けます。アドレスが非公開だと、担当者や作業ログをその方法で対応付けられません。".into(),
            "Atlassian の組織管理者が、このアカウントからメールアドレスが見えるように設定できます（admin.atlassian.com のプロフィールの公開設定）。または、同期プロファイルでユーザーを名前で対応付けてください。",
        ),
        Finding::EmailNobodyElse => explained(
            "まだ確認できません。このアカウントからほかのユーザーが見えません。".into(),
            "メールアドレスが公開されているかどうかは、ほかの人のプロフィールでしか確認できません。".into(),
            "連携用ユーザーにグローバル権限「ユーザーとグループの参照」を与えてから、もう一度テストしてください。",
        ),
        Finding::EmailFailed { detail } => explained(
            "メールアドレスが見えるかどうかを確認できませんでした。".into(),
            detail.clone(),
            TRY_AGAIN,
        ),
    }
}
