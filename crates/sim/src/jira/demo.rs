//! The demo data: two Jira Cloud projects (`WEB` Webサイト刷新, `MOB`
//! モバイルアプリ) and two Jira Data Center projects (`SYS` 基幹システム更改,
//! `OPS` 運用保守), in Japanese and English, with versions, a scrum board
//! with a closed, an active and a future sprint, issues of every type,
//! comments and worklogs. Days are counted back from the moment the seed is
//! built, so the data always looks recent.

use super::catalog::IssueType::{self, Bug, Story, SubTask, Task};
use super::catalog::Priority::{self, High, Highest, Low, Medium};
use super::catalog::Status::{self, Done, InProgress, ToDo};

pub struct DemoProject {
    pub key: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// Login of the project lead.
    pub lead: &'static str,
    pub versions: &'static [DemoVersion],
    pub board: &'static str,
    /// Closed, active and future, in that order.
    pub sprints: [DemoSprint; 3],
    pub issues: &'static [DemoIssue],
}

pub struct DemoVersion {
    pub name: &'static str,
    pub description: &'static str,
    pub released: bool,
    /// Days from today (negative: in the past).
    pub start_in_days: i64,
    pub release_in_days: i64,
}

pub struct DemoSprint {
    pub name: &'static str,
    pub goal: &'static str,
}

#[derive(Clone, Copy)]
pub struct DemoIssue {
    pub issue_type: IssueType,
    pub summary: &'static str,
    pub description: &'static str,
    pub status: Status,
    pub priority: Priority,
    /// Login, or "" for unassigned.
    pub assignee: &'static str,
    pub reporter: &'static str,
    pub labels: &'static [&'static str],
    /// Index into the project's versions.
    pub version: Option<usize>,
    /// 0 closed, 1 active, 2 future sprint.
    pub sprint: Option<usize>,
    /// Index of an earlier issue of the same project.
    pub parent: Option<usize>,
    pub created_days_ago: i64,
    pub updated_days_ago: i64,
    pub comments: &'static [DemoComment],
    pub worklogs: &'static [DemoWorklog],
}

pub struct DemoComment {
    pub author: &'static str,
    pub days_ago: i64,
    pub body: &'static str,
}

pub struct DemoWorklog {
    pub author: &'static str,
    pub days_ago: i64,
    /// Local start time in the author's own time zone.
    pub start: (i8, i8),
    pub minutes: u32,
    pub comment: &'static str,
}

#[allow(clippy::too_many_arguments)] // a table row reads best flat
const fn issue(
    issue_type: IssueType,
    summary: &'static str,
    status: Status,
    priority: Priority,
    assignee: &'static str,
    reporter: &'static str,
    created_days_ago: i64,
    updated_days_ago: i64,
) -> DemoIssue {
    DemoIssue {
        issue_type,
        summary,
        description: "",
        status,
        priority,
        assignee,
        reporter,
        labels: &[],
        version: None,
        sprint: None,
        parent: None,
        created_days_ago,
        updated_days_ago,
        comments: &[],
        worklogs: &[],
    }
}

impl DemoIssue {
    const fn desc(self, description: &'static str) -> Self {
        DemoIssue {
            description,
            ..self
        }
    }
    const fn labels(self, labels: &'static [&'static str]) -> Self {
        DemoIssue { labels, ..self }
    }
    const fn version(self, version: usize) -> Self {
        DemoIssue {
            version: Some(version),
            ..self
        }
    }
    const fn sprint(self, sprint: usize) -> Self {
        DemoIssue {
            sprint: Some(sprint),
            ..self
        }
    }
    const fn parent(self, parent: usize) -> Self {
        DemoIssue {
            parent: Some(parent),
            ..self
        }
    }
    const fn comments(self, comments: &'static [DemoComment]) -> Self {
        DemoIssue { comments, ..self }
    }
    const fn worklogs(self, worklogs: &'static [DemoWorklog]) -> Self {
        DemoIssue { worklogs, ..self }
    }
}

const fn c(author: &'static str, days_ago: i64, body: &'static str) -> DemoComment {
    DemoComment {
        author,
        days_ago,
        body,
    }
}

const fn w(
    author: &'static str,
    days_ago: i64,
    start: (i8, i8),
    minutes: u32,
    comment: &'static str,
) -> DemoWorklog {
    DemoWorklog {
        author,
        days_ago,
        start,
        minutes,
        comment,
    }
}

const fn version(
    name: &'static str,
    description: &'static str,
    released: bool,
    start_in_days: i64,
    release_in_days: i64,
) -> DemoVersion {
    DemoVersion {
        name,
        description,
        released,
        start_in_days,
        release_in_days,
    }
}

pub static CLOUD: [DemoProject; 2] = [WEB, MOB];
pub static DATA_CENTER: [DemoProject; 2] = [SYS, OPS];

#[rustfmt::skip]
const WEB: DemoProject = DemoProject {
    key: "WEB",
    name: "Webサイト刷新",
    description: "コーポレートサイトの全面リニューアル(Website renewal)。デザイン刷新、CMS 移行、多言語対応。",
    lead: "sato.hanako",
    versions: &[
        version("v1.0 ベータ", "社内向けベータ公開 / Internal beta", true, -40, -12),
        version("v1.1", "一般公開 / Public launch", false, -12, 20),
        version("v2.0 本番リリース", "会員機能と多言語対応 / Members and languages", false, 20, 60),
    ],
    board: "WEB ボード",
    sprints: [
        DemoSprint { name: "WEB スプリント 1", goal: "新デザインのトップページを公開する" },
        DemoSprint { name: "WEB スプリント 2", goal: "Site search and the cookie banner ready for launch" },
        DemoSprint { name: "WEB スプリント 3", goal: "多言語切り替えの土台を作る" },
    ],
    issues: &[
        issue(Story, "トップページのデザインを刷新する", Done, High, "takahashi.yui", "sato.hanako", 29, 12)
            .desc("新しいブランドガイドラインに合わせて、ヒーロー画像・ナビゲーション・フッターを作り直す。\n\n受け入れ条件:\n- PC とスマートフォンの両方で表示が崩れないこと\n- Lighthouse のパフォーマンススコアが 90 以上であること")
            .labels(&["design", "frontend"]).version(0).sprint(0)
            .comments(&[
                c("sato.hanako", 14, "デザインレビュー完了しました。問題なければマージしてください。"),
                c("takahashi.yui", 12, "マージしました。ステージングで確認できます。"),
            ])
            .worklogs(&[
                w("takahashi.yui", 15, (9, 30), 240, "ヒーロー部分の実装"),
                w("takahashi.yui", 14, (13, 0), 180, "レスポンシブ対応"),
            ]),
        issue(SubTask, "ヒーロー画像の差し替え", Done, Medium, "takahashi.yui", "takahashi.yui", 28, 13).parent(0).sprint(0),
        issue(SubTask, "フッターのリンク整理", Done, Low, "suzuki.ichiro", "takahashi.yui", 28, 12).parent(0).sprint(0),
        issue(Story, "Implement site search with autocomplete", InProgress, High, "emma.lindqvist", "sato.hanako", 20, 1)
            .desc("Visitors should find products and articles from the header search box.\nSuggestions appear after two characters.")
            .labels(&["search"]).version(1).sprint(1)
            .comments(&[
                c("emma.lindqvist", 2, "The suggestion API answers in about 80 ms on staging."),
                c("suzuki.ichiro", 1, "日本語の部分一致も確認をお願いします。"),
            ])
            .worklogs(&[
                w("emma.lindqvist", 3, (9, 0), 300, "Autocomplete component"),
                w("emma.lindqvist", 1, (10, 30), 150, "Checked the Japanese tokenizer"),
            ]),
        issue(Task, "お問い合わせフォームに reCAPTCHA を導入する", InProgress, Medium, "suzuki.ichiro", "ito.daisuke", 12, 2)
            .labels(&["security"]).version(1).sprint(1)
            .worklogs(&[w("suzuki.ichiro", 2, (14, 0), 120, "reCAPTCHA v3 の検証")]),
        issue(Bug, "スマートフォンでハンバーガーメニューが閉じない", ToDo, Highest, "takahashi.yui", "watanabe.mei", 5, 4)
            .desc("iOS Safari でメニューを開いたあと、リンクをタップしてもメニューが開いたままになる。\n\n再現手順:\n1. iPhone でトップページを開く\n2. メニューを開く\n3. 「会社概要」をタップする")
            .labels(&["bug", "mobile"]).version(1).sprint(1)
            .comments(&[c("watanabe.mei", 4, "Android の Chrome では再現しません。")]),
        issue(Task, "Migrate blog articles from the old CMS", ToDo, Medium, "oliver.berg", "sato.hanako", 18, 9)
            .desc("About 480 articles. Keep the old URLs working with 301 redirects.")
            .labels(&["migration"]).version(1).sprint(2),
        issue(Story, "会員登録フローを 3 ステップに短縮する", ToDo, High, "", "ito.daisuke", 16, 16)
            .desc("現状 5 画面ある登録フローを 3 画面にまとめ、離脱率を下げる。")
            .labels(&["ux"]).version(2),
        issue(Bug, "Broken image links on the English news page", Done, Medium, "oliver.berg", "emma.lindqvist", 25, 17)
            .version(0).sprint(0)
            .comments(&[c("oliver.berg", 17, "Fixed: the CDN path was missing the locale prefix.")])
            .worklogs(&[w("oliver.berg", 17, (10, 0), 90, "CDN path fix")]),
        issue(Task, "アクセス解析タグを GA4 に移行する", Done, Medium, "nakamura.riku", "yamamoto.sakura", 27, 15)
            .labels(&["analytics"]).version(0).sprint(0)
            .worklogs(&[w("nakamura.riku", 16, (11, 0), 180, "GTM の設定")]),
        issue(Story, "Cookie consent banner (GDPR)", InProgress, High, "emma.lindqvist", "oliver.berg", 11, 0)
            .desc("Show a consent banner to visitors from the EU and store their choice for 12 months.")
            .labels(&["legal", "frontend"]).version(1).sprint(1)
            .worklogs(&[w("emma.lindqvist", 1, (9, 15), 120, "Banner layout")]),
        issue(Task, "ページ表示速度の計測と改善レポート", ToDo, Low, "tanaka.kenji", "sato.hanako", 9, 8)
            .labels(&["performance"]).version(2).sprint(2),
        issue(Bug, "検索結果が 0 件のときにエラー画面が表示される", InProgress, High, "suzuki.ichiro", "watanabe.mei", 4, 1)
            .labels(&["bug", "search"]).version(1).sprint(1)
            .comments(&[c("suzuki.ichiro", 1, "原因は API が空配列ではなく null を返す点でした。修正中です。")])
            .worklogs(&[w("suzuki.ichiro", 1, (15, 0), 90, "原因調査")]),
        issue(SubTask, "Add keyboard navigation to suggestions", ToDo, Medium, "emma.lindqvist", "emma.lindqvist", 6, 6).parent(3).sprint(1),
        issue(Story, "採用情報ページを新設する", ToDo, Medium, "", "yamamoto.sakura", 7, 7).version(2),
        issue(Task, "Set up the staging environment on the new hosting", Done, High, "nakamura.riku", "sato.hanako", 29, 22)
            .version(0).sprint(0)
            .worklogs(&[w("nakamura.riku", 23, (9, 0), 360, "ステージング環境の構築")]),
        issue(Bug, "フォーム送信後の完了メールが文字化けする", Done, High, "suzuki.ichiro", "ito.daisuke", 21, 11)
            .labels(&["bug", "mail"]).version(0).sprint(0)
            .comments(&[
                c("ito.daisuke", 21, "お客様から問い合わせがありました。至急対応をお願いします。"),
                c("suzuki.ichiro", 11, "Content-Type の charset 指定漏れでした。修正済みです。"),
            ])
            .worklogs(&[w("suzuki.ichiro", 12, (10, 0), 60, "文字コードの修正")]),
        issue(Task, "Write the accessibility checklist (WCAG 2.2 AA)", InProgress, Medium, "oliver.berg", "tanaka.kenji", 8, 3)
            .labels(&["a11y"]).version(1).sprint(1),
        issue(Story, "多言語切り替え(日本語 / English)", ToDo, Medium, "takahashi.yui", "sato.hanako", 14, 10)
            .labels(&["i18n"]).version(2).sprint(2),
        issue(Task, "リリース前の表示確認(主要ブラウザ)", ToDo, Medium, "watanabe.mei", "tanaka.kenji", 3, 3)
            .labels(&["qa"]).version(1).sprint(2),
    ],
};

#[rustfmt::skip]
const MOB: DemoProject = DemoProject {
    key: "MOB",
    name: "モバイルアプリ",
    description: "iOS / Android 向け会員アプリ(Mobile app)の継続開発。",
    lead: "takahashi.yui",
    versions: &[
        version("v3.2", "プライバシー対応 / Privacy update", true, -35, -14),
        version("v3.3 (iOS 18 対応)", "Notifications and dark mode", false, -14, 25),
    ],
    board: "MOB board",
    sprints: [
        DemoSprint { name: "MOB Sprint 7", goal: "Ship v3.2 to both stores" },
        DemoSprint { name: "MOB Sprint 8", goal: "通知設定とクラッシュ修正" },
        DemoSprint { name: "MOB Sprint 9", goal: "Dark mode" },
    ],
    issues: &[
        issue(Story, "プッシュ通知の配信設定画面を追加する", InProgress, High, "nakamura.riku", "takahashi.yui", 15, 1)
            .desc("お知らせ・キャンペーン・取引の 3 カテゴリごとに通知のオン / オフを選べるようにする。")
            .labels(&["ios", "android"]).version(1).sprint(1)
            .comments(&[c("takahashi.yui", 3, "通知のカテゴリは 3 種類で確定です。")])
            .worklogs(&[w("nakamura.riku", 2, (10, 0), 240, "設定画面の UI")]),
        issue(SubTask, "通知カテゴリの API 連携", ToDo, Medium, "suzuki.ichiro", "nakamura.riku", 10, 10).parent(0).sprint(1),
        issue(Bug, "Crash on launch on Android 10 devices", InProgress, Highest, "oliver.berg", "watanabe.mei", 6, 0)
            .desc("Crashlytics shows a NullPointerException in SplashActivity for about 0.4% of sessions.")
            .labels(&["android", "crash"]).version(1).sprint(1)
            .comments(&[c("oliver.berg", 1, "Reproduced on an Android 10 emulator. The fix is in review.")])
            .worklogs(&[w("oliver.berg", 1, (13, 0), 180, "Reproduced on the emulator")]),
        issue(Task, "iOS 18 の新しいプライバシーマニフェストに対応する", Done, High, "takahashi.yui", "sato.hanako", 28, 18)
            .labels(&["ios"]).version(0).sprint(0)
            .worklogs(&[w("takahashi.yui", 19, (9, 30), 150, "PrivacyInfo.xcprivacy の作成")]),
        issue(Story, "Dark mode support", ToDo, Medium, "emma.lindqvist", "takahashi.yui", 13, 9)
            .labels(&["ui"]).version(1).sprint(2),
        issue(Bug, "ログイン画面でパスワードの表示切替ボタンが効かない", Done, Medium, "suzuki.ichiro", "kobayashi.aoi", 24, 16)
            .version(0).sprint(0)
            .comments(&[c("suzuki.ichiro", 16, "修正しました。v3.2 に含まれます。")])
            .worklogs(&[w("suzuki.ichiro", 17, (11, 0), 90, "表示切替の修正")]),
        issue(Task, "App Store / Google Play のスクリーンショット更新", ToDo, Low, "yamamoto.sakura", "ito.daisuke", 5, 5)
            .labels(&["release"]).version(1).sprint(2),
        issue(Story, "オフライン時に閲覧履歴を表示する", ToDo, Medium, "", "takahashi.yui", 11, 11).version(1),
        issue(Task, "Upgrade React Native to 0.76", InProgress, High, "nakamura.riku", "oliver.berg", 9, 2)
            .desc("Needed for the new architecture and for iOS 18 support.")
            .labels(&["tech-debt"]).version(1).sprint(1)
            .worklogs(&[w("nakamura.riku", 3, (14, 0), 300, "依存ライブラリの更新")]),
        issue(Bug, "Push notifications arrive twice on iOS", Done, High, "emma.lindqvist", "watanabe.mei", 26, 19)
            .labels(&["ios", "push"]).version(0).sprint(0)
            .worklogs(&[w("emma.lindqvist", 20, (10, 0), 120, "Token de-duplication")]),
        issue(Task, "利用規約の改定内容をアプリ内に掲載する", Done, Medium, "yamamoto.sakura", "ito.daisuke", 22, 20).version(0).sprint(0),
        issue(SubTask, "Fix deprecated navigation APIs", InProgress, Medium, "oliver.berg", "nakamura.riku", 8, 1).parent(8).sprint(1),
        issue(Story, "生体認証(Face ID / 指紋)でログインする", ToDo, High, "takahashi.yui", "sato.hanako", 7, 4)
            .labels(&["security"]).version(1).sprint(1)
            .comments(&[c("sato.hanako", 4, "セキュリティ部門のレビューが必要です。")]),
        issue(Bug, "Wrong currency format for SEK prices", ToDo, Medium, "emma.lindqvist", "oliver.berg", 2, 2)
            .desc("Prices show as \"SEK 1,234.00\" but should read \"1 234,00 kr\".")
            .labels(&["i18n"]).version(1).sprint(1),
        issue(Task, "クラッシュ率のダッシュボードを作成する", ToDo, Low, "tanaka.kenji", "takahashi.yui", 4, 4).labels(&["monitoring"]),
        issue(Task, "ベータテスター募集のお知らせを作成する", InProgress, Low, "ito.daisuke", "yamamoto.sakura", 6, 3).version(1).sprint(1),
    ],
};

#[rustfmt::skip]
const SYS: DemoProject = DemoProject {
    key: "SYS",
    name: "基幹システム更改",
    description: "販売・在庫・会計の基幹システムを新プラットフォームへ更改する(Core system renewal)。",
    lead: "sato.hanako",
    versions: &[
        version("第1期 移行準備", "Phase 1: preparation", true, -45, -15),
        version("第2期 本番稼働", "Phase 2: go-live", false, -15, 45),
        version("v2.1 保守リリース", "Maintenance release after go-live", false, 45, 90),
    ],
    board: "SYS スクラムボード",
    sprints: [
        DemoSprint { name: "SYS スプリント 11", goal: "移行ツールの完成" },
        DemoSprint { name: "SYS スプリント 12", goal: "Month-end closing without differences" },
        DemoSprint { name: "SYS スプリント 13", goal: "本番切替リハーサル" },
    ],
    issues: &[
        issue(Story, "受注データを新基幹システムへ移行する", InProgress, Highest, "suzuki.ichiro", "sato.hanako", 29, 1)
            .desc("旧システムの受注データ約 120 万件を新システムへ移行する。\n\n移行対象: 過去 7 年分\n検証: 件数と金額合計の突合")
            .labels(&["migration"]).version(1).sprint(1)
            .comments(&[
                c("sato.hanako", 5, "移行リハーサルは来週水曜に実施します。"),
                c("suzuki.ichiro", 2, "リハーサル用の抽出スクリプトを準備しました。"),
            ])
            .worklogs(&[
                w("suzuki.ichiro", 6, (9, 0), 420, "抽出スクリプトの作成"),
                w("suzuki.ichiro", 2, (13, 30), 240, "件数突合の自動化"),
            ]),
        issue(SubTask, "顧客マスタの文字コード変換(EBCDIC → UTF-8)", Done, High, "nakamura.riku", "suzuki.ichiro", 27, 9).parent(0).sprint(0)
            .worklogs(&[w("nakamura.riku", 10, (10, 0), 300, "変換表の作成")]),
        issue(SubTask, "移行リハーサル手順書の作成", InProgress, Medium, "tanaka.kenji", "suzuki.ichiro", 20, 3).parent(0).sprint(1),
        issue(Task, "Set up the batch scheduler for nightly jobs", Done, High, "oliver.berg", "sato.hanako", 28, 15)
            .desc("Move the 14 nightly jobs from cron to the scheduler, with retries and mail alerts.")
            .labels(&["batch"]).version(0).sprint(0)
            .worklogs(&[w("oliver.berg", 16, (9, 0), 360, "Scheduler configuration")]),
        issue(Bug, "月次締め処理で消費税の端数計算がずれる", InProgress, Highest, "takahashi.yui", "watanabe.mei", 7, 0)
            .desc("税率 8% の明細で 1 円の差異が発生する。切り捨てと四捨五入の設定を確認すること。")
            .labels(&["bug", "accounting"]).version(1).sprint(1)
            .comments(&[c("watanabe.mei", 6, "テストデータ 3 件で再現しました。")])
            .worklogs(&[w("takahashi.yui", 1, (10, 0), 180, "端数処理の調査")]),
        issue(Story, "在庫照会画面の応答時間を 2 秒以内にする", ToDo, High, "nakamura.riku", "ito.daisuke", 12, 6)
            .desc("現状は平均 6 秒。倉庫担当者から改善要望が多い。")
            .labels(&["performance"]).version(1).sprint(1),
        issue(Task, "Review the database index design", Done, Medium, "emma.lindqvist", "oliver.berg", 26, 18)
            .labels(&["database"]).version(0).sprint(0)
            .comments(&[c("emma.lindqvist", 18, "Added composite indexes on (customer_id, order_date).")])
            .worklogs(&[w("emma.lindqvist", 19, (13, 0), 240, "Index analysis")]),
        issue(Task, "帳票(請求書・納品書)のレイアウトを確定する", Done, Medium, "yamamoto.sakura", "ito.daisuke", 25, 14).version(0).sprint(0),
        issue(Bug, "CSV 取込で全角スペースを含む品名がエラーになる", ToDo, Medium, "suzuki.ichiro", "kobayashi.aoi", 3, 3)
            .labels(&["bug"]).version(1).sprint(2),
        issue(Story, "取引先ポータルからの発注を受け付ける", ToDo, Medium, "", "sato.hanako", 17, 17).version(2),
        issue(Task, "Load test the order API (500 requests per second)", InProgress, High, "oliver.berg", "tanaka.kenji", 9, 1)
            .labels(&["performance"]).version(1).sprint(1)
            .worklogs(&[w("oliver.berg", 2, (9, 30), 240, "Load scenarios")]),
        issue(Task, "ユーザー権限マトリクスを作成する", Done, Medium, "tanaka.kenji", "sato.hanako", 22, 13)
            .labels(&["security"]).version(0).sprint(0),
        issue(Bug, "Timeout when exporting more than 10,000 rows", ToDo, High, "emma.lindqvist", "watanabe.mei", 5, 4)
            .labels(&["bug", "export"]).version(1).sprint(2),
        issue(Story, "承認ワークフロー(2 段階承認)を実装する", InProgress, High, "takahashi.yui", "ito.daisuke", 14, 2)
            .labels(&["workflow"]).version(1).sprint(1)
            .worklogs(&[w("takahashi.yui", 4, (13, 0), 300, "承認ルートの設定画面")]),
        issue(SubTask, "承認メールのテンプレートを作成する", ToDo, Low, "yamamoto.sakura", "takahashi.yui", 8, 8).parent(13).sprint(1),
        issue(Task, "本番切替リハーサルの計画を作成する", ToDo, High, "sato.hanako", "sato.hanako", 6, 5).version(1).sprint(2),
        issue(Task, "旧システムのインターフェース仕様を棚卸しする", Done, Medium, "nakamura.riku", "sato.hanako", 30, 21).version(0).sprint(0),
        issue(Bug, "ログイン後のセッションが 5 分で切れる", Done, High, "suzuki.ichiro", "kobayashi.aoi", 19, 12)
            .labels(&["bug"]).version(0).sprint(0)
            .comments(&[c("suzuki.ichiro", 12, "タイムアウト設定を 30 分に修正しました。")])
            .worklogs(&[w("suzuki.ichiro", 13, (14, 0), 120, "セッション設定の調査")]),
    ],
};

#[rustfmt::skip]
const OPS: DemoProject = DemoProject {
    key: "OPS",
    name: "運用保守",
    description: "社内システムの運用・保守・問い合わせ対応(Operations and maintenance)。",
    lead: "tanaka.kenji",
    versions: &[
        version("上期メンテナンス", "First-half maintenance window", false, -30, 30),
        version("下期メンテナンス", "Second-half maintenance window", false, 30, 120),
    ],
    board: "OPS board",
    sprints: [
        DemoSprint { name: "OPS 2 週目", goal: "Patch all servers" },
        DemoSprint { name: "OPS 3 週目", goal: "夜間バッチの遅延を解消する" },
        DemoSprint { name: "OPS 4 週目", goal: "Backup and restore drill" },
    ],
    issues: &[
        issue(Task, "月次パッチ適用(サーバー 12 台)", InProgress, High, "tanaka.kenji", "sato.hanako", 4, 0)
            .desc("対象: web-01〜04、app-01〜04、db-01〜02、batch-01〜02。\n作業時間帯: 22:00〜翌 2:00(サービス停止あり)")
            .labels(&["maintenance"]).version(0).sprint(1)
            .worklogs(&[w("tanaka.kenji", 1, (20, 0), 180, "夜間メンテナンス 1 回目")]),
        issue(Bug, "Disk usage alert on db-02 (85%)", Done, Highest, "oliver.berg", "watanabe.mei", 20, 19)
            .desc("Zabbix raised the disk usage alert at 85%. The archive log directory grows by about 3 GB a day.")
            .labels(&["alert"]).sprint(0)
            .worklogs(&[w("oliver.berg", 19, (8, 30), 60, "Rotated and compressed the logs")]),
        issue(Task, "SSL 証明書を更新する(*.example.co.jp)", Done, High, "nakamura.riku", "tanaka.kenji", 27, 21)
            .labels(&["security"]).version(0).sprint(0)
            .worklogs(&[w("nakamura.riku", 22, (10, 0), 90, "証明書の入れ替え")]),
        issue(Task, "Backup restore drill", ToDo, Medium, "emma.lindqvist", "tanaka.kenji", 10, 7)
            .desc("Restore last Sunday's full backup to the staging database and measure how long it takes.")
            .labels(&["backup"]).version(1).sprint(2),
        issue(Bug, "夜間バッチが 3 時を過ぎても終わらない", InProgress, High, "suzuki.ichiro", "watanabe.mei", 6, 1)
            .desc("受注集計ジョブが 1 時間以上遅延している。朝 6 時の帳票出力に影響が出る前に原因を特定すること。")
            .labels(&["batch"]).version(0).sprint(1)
            .comments(&[c("tanaka.kenji", 1, "昨夜は 3:40 に完了しました。")])
            .worklogs(&[w("suzuki.ichiro", 2, (9, 0), 150, "SQL 実行計画の確認")]),
        issue(Task, "監視項目の見直し(Zabbix → Prometheus)", ToDo, Medium, "oliver.berg", "sato.hanako", 15, 12)
            .labels(&["monitoring"]).version(1),
        issue(Task, "問い合わせ対応: 請求書の再発行手順", Done, Low, "yamamoto.sakura", "ito.daisuke", 23, 22)
            .labels(&["support"]).sprint(0),
        issue(Story, "運用手順書を Wiki に移行する", InProgress, Medium, "watanabe.mei", "tanaka.kenji", 18, 3)
            .labels(&["docs"]).version(0).sprint(1)
            .worklogs(&[w("watanabe.mei", 4, (15, 0), 120, "手順書の移行")]),
        issue(SubTask, "障害対応フローの図を作成する", Done, Low, "watanabe.mei", "watanabe.mei", 17, 9).parent(7).sprint(1),
        issue(Task, "Rotate the service account passwords", ToDo, High, "nakamura.riku", "sato.hanako", 8, 8)
            .labels(&["security"]).version(0).sprint(1),
        issue(Bug, "メール送信キューが詰まる", Done, High, "suzuki.ichiro", "ito.daisuke", 25, 23)
            .labels(&["mail"]).sprint(0)
            .worklogs(&[w("suzuki.ichiro", 24, (10, 0), 120, "キューの再起動と原因調査")]),
        issue(Task, "Capacity planning for the next half", ToDo, Low, "emma.lindqvist", "tanaka.kenji", 9, 9).version(1),
        issue(Task, "ウイルス対策ソフトの定義更新を確認する", Done, Low, "tanaka.kenji", "tanaka.kenji", 14, 14).sprint(0),
        issue(Bug, "VPN 接続が不安定(大阪拠点)", ToDo, Medium, "", "kobayashi.aoi", 2, 2)
            .desc("大阪拠点から本社への VPN が 1 日に数回切断される。回線業者への問い合わせも検討。")
            .labels(&["network"])
            .comments(&[c("kobayashi.aoi", 2, "午後になると切断が多いです。")]),
        issue(Task, "障害報告書を作成する(先月分)", InProgress, Medium, "watanabe.mei", "tanaka.kenji", 5, 1).sprint(1),
        issue(Task, "Decommission the old file server", ToDo, Low, "oliver.berg", "tanaka.kenji", 12, 11).version(1).sprint(2),
    ],
};
