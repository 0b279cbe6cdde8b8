//! The data an Asana simulator starts with.
//!
//! `Demo`: the workspace "Kakehashi Demo" with a Japanese/English marketing
//! launch project (sections 未着手 / 進行中 / Jira起票 / 完了, three custom
//! fields, twenty tasks, two with attachments) and a small IT help desk.
//! `Large(n)`: n plain tasks over four projects, built in a few
//! milliseconds. Times are relative to now (all in the past), so
//! `modified_since=<now>` finds exactly what changed after the start.

use bytes::Bytes;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::store::{
    now, Attachment, FieldKind, FieldValue, Gid, Membership, ProjectSpec, Store, Task, User,
};
use crate::people::people;
use crate::Seed;

pub(crate) fn build(seed: Seed) -> Store {
    match seed {
        Seed::Demo => demo(),
        Seed::Large(tasks) => large(tasks),
    }
}

/// The three custom fields of both seeds: (Jira Key, Priority + its
/// options High/Medium/Low, Estimate).
struct Fields {
    jira_key: Gid,
    priority: Gid,
    levels: [Gid; 3],
    estimate: Gid,
}

fn add_people_and_fields(store: &mut Store, seed: Seed) -> Fields {
    for person in people(seed) {
        let gid = store.allocate();
        store.users.push(User { gid, person });
    }
    let creator = store.users[0].gid;
    let jira_key = store.add_field(
        "Jira Key",
        "Jira の課題キー。Kakehashi が課題を作成すると設定されます / The Jira issue key, set when Kakehashi creates the issue.",
        FieldKind::Text,
        creator,
    );
    let options = store.enum_options(&[
        ("High", "red"),
        ("Medium", "yellow-orange"),
        ("Low", "green"),
    ]);
    let levels = [options[0].gid, options[1].gid, options[2].gid];
    let priority = store.add_field(
        "優先度 Priority",
        "対応の優先度 / How urgent the task is.",
        FieldKind::Enum { options },
        creator,
    );
    let estimate = store.add_field(
        "見積 Estimate (h)",
        "作業見積 (時間) / Estimated effort in hours.",
        FieldKind::Number { precision: 1 },
        creator,
    );
    Fields {
        jira_key,
        priority,
        levels,
        estimate,
    }
}

fn user(store: &Store, login: &str) -> Gid {
    store
        .user_by_login(login)
        .map(|u| u.gid)
        .unwrap_or(store.users[0].gid)
}

/// One demo task: (name, notes, assignee login, section index, due in days,
/// priority 0–2, estimate hours, Jira key).
type DemoTask = (
    &'static str,
    &'static str,
    &'static str,
    usize,
    Option<i64>,
    Option<usize>,
    Option<f64>,
    Option<&'static str>,
);

const MARKETING_SECTIONS: &[&str] = &[
    "未着手 (To do)",
    "進行中 (In progress)",
    "Jira起票 (Send to Jira)",
    "完了 (Done)",
];

const MARKETING: &[DemoTask] = &[
    ("ランディングページのコピー作成 / Write landing page copy", "新製品の特長を3点に絞って訴求する。\nKeep it to three key benefits; the Nordic office needs an English version.", "takahashi.yui", 1, Some(5), Some(0), Some(6.0), None),
    ("プレスリリース草案 / Draft the press release", "広報部の確認を経て配信日を決める。\nAgree the release date with PR after review.", "ito.daisuke", 0, Some(12), Some(1), Some(4.0), None),
    ("SNS告知スケジュール / Social media schedule", "X・LinkedIn・Instagram の投稿日時を一覧にする。\nOne table of post dates for X, LinkedIn and Instagram.", "yamamoto.sakura", 1, Some(7), Some(1), Some(3.0), None),
    ("展示会ブースのデザイン発注 / Order trade-show booth design", "発注には開発部の承認が必要。Jira で起票する。\nNeeds approval from development: create a Jira issue.", "sato.hanako", 2, Some(20), Some(0), Some(8.0), None),
    ("価格ページの更新 / Update the pricing page", "新プランの価格表を反映する。\nAdd the new plans to the pricing table.", "suzuki.ichiro", 2, Some(9), Some(0), Some(5.0), Some("MKT-101")),
    ("製品デモ動画の撮影 / Film the product demo video", "3分以内。字幕は日本語と英語。\nUnder three minutes, subtitles in Japanese and English.", "nakamura.riku", 0, Some(25), Some(1), Some(12.0), None),
    ("メールマガジン 4月号 / April newsletter", "配信済み。開封率 32%。\nSent; 32% open rate.", "yamamoto.sakura", 3, Some(-3), Some(2), Some(2.0), None),
    ("競合調査レポート / Competitor analysis report", "主要3社の価格と機能を比較。\nPrices and features of the three main competitors.", "emma.lindqvist", 3, Some(-10), Some(1), Some(10.0), Some("MKT-87")),
    ("ウェビナー登録フォーム / Webinar registration form", "登録完了メールの文面も用意する。\nAlso write the confirmation e-mail.", "suzuki.ichiro", 1, Some(4), Some(0), Some(3.0), Some("MKT-104")),
    ("英語版ブローシャ翻訳 / Translate the brochure into English", "用語集に従うこと。\nFollow the glossary.", "oliver.berg", 0, Some(15), Some(1), Some(6.0), None),
    ("顧客事例インタビュー / Customer case study interview", "株式会社サンプル様、5月第2週で調整中。\nSample Co., Ltd., second week of May, to be confirmed.", "ito.daisuke", 1, Some(11), Some(1), Some(4.0), None),
    ("広告バナー A/B テスト / Banner ad A/B test", "2案を1週間ずつ配信して CTR を比較。\nRun two variants for a week each and compare CTR.", "watanabe.mei", 0, Some(18), Some(2), Some(5.0), None),
    ("ローンチ当日の運用手順 / Launch-day runbook", "障害時の連絡先と切り戻し手順を含める。\nInclude contacts and the rollback steps.", "tanaka.kenji", 2, Some(14), Some(0), Some(4.0), None),
    ("問い合わせフォームの不具合修正 / Fix the contact form bug", "全角スペースを含む住所で送信できない。\nAddresses with full-width spaces could not be sent.", "nakamura.riku", 3, Some(-1), Some(0), Some(2.0), Some("MKT-99")),
    ("パートナー向け説明会 / Partner briefing session", "オンライン開催。資料はプレスリリース確定後。\nOnline; slides after the press release is final.", "sato.hanako", 0, Some(30), Some(1), None, None),
    ("SEO キーワード選定 / Pick SEO keywords", "検索ボリュームと競合度で20語に絞った。\nNarrowed to 20 words by volume and competition.", "takahashi.yui", 3, Some(-6), Some(2), Some(3.0), None),
    ("ローンチ後アンケート / Post-launch survey", "回答者にはクーポンを配布。\nRespondents get a coupon.", "watanabe.mei", 0, None, Some(2), Some(2.0), None),
    ("予算の最終承認 / Final budget approval", "添付の予算表で承認を得る。\nGet sign-off on the attached budget.", "sato.hanako", 1, Some(3), Some(0), Some(1.0), None),
    ("北欧向けキャンペーン / Nordic campaign localisation", "スウェーデン語の広告文を現地で確認。\nSwedish ad copy reviewed locally.", "emma.lindqvist", 1, Some(16), Some(1), Some(8.0), None),
    ("社内向け発表資料 / Internal announcement deck", "", "", 0, Some(8), None, None, None),
];

const HELPDESK_SECTIONS: &[&str] = &["受付 (New)", "対応中 (In progress)", "完了 (Done)"];

const HELPDESK: &[DemoTask] = &[
    (
        "VPN 接続が切れる / VPN keeps disconnecting",
        "在宅勤務時に30分ごとに切断される。\nDrops every 30 minutes when working from home.",
        "tanaka.kenji",
        1,
        Some(2),
        Some(0),
        Some(3.0),
        None,
    ),
    (
        "新入社員のアカウント発行 / Accounts for new hires",
        "4月入社の5名分。\nFive people starting in April.",
        "suzuki.ichiro",
        0,
        Some(5),
        Some(1),
        Some(2.0),
        None,
    ),
    (
        "プリンターのトナー交換 / Replace printer toner",
        "3階の複合機。\nThe third-floor printer.",
        "watanabe.mei",
        2,
        Some(-2),
        Some(2),
        Some(0.5),
        None,
    ),
    (
        "Jira のライセンス追加 / Add Jira licences",
        "10ユーザー分を追加購入。\nBuy ten more seats.",
        "sato.hanako",
        0,
        Some(10),
        Some(1),
        Some(1.0),
        Some("ITS-12"),
    ),
    (
        "会議室ディスプレイの不調 / Meeting-room display flickers",
        "会議室B。HDMI ケーブル交換で様子見。\nRoom B; trying a new HDMI cable.",
        "oliver.berg",
        1,
        Some(1),
        Some(2),
        Some(1.0),
        None,
    ),
    (
        "パスワードリセット手順の整備 / Document the password reset steps",
        "",
        "takahashi.yui",
        0,
        None,
        Some(2),
        None,
        None,
    ),
];

/// Adds demo tasks to a project; `done` is the index of its done section.
#[allow(clippy::too_many_arguments)]
fn add_demo_tasks(
    store: &mut Store,
    fields: &Fields,
    project: Gid,
    done: usize,
    owner: Gid,
    tasks: &[DemoTask],
    start: Timestamp,
    today: Date,
) -> Vec<Gid> {
    let sections = store.projects[&project].sections.clone();
    let mut added = Vec::with_capacity(tasks.len());
    for (index, &(name, notes, assignee, section, due, priority, estimate, key)) in
        tasks.iter().enumerate()
    {
        let created_at = start + SignedDuration::from_hours(index as i64 * 20);
        let modified_at = created_at + SignedDuration::from_mins(37 + 53 * (index as i64 % 7));
        let assignee = (!assignee.is_empty()).then(|| user(store, assignee));
        let mut values = Vec::new();
        if let Some(key) = key {
            values.push((fields.jira_key, FieldValue::Text(key.to_owned())));
        }
        if let Some(level) = priority {
            values.push((fields.priority, FieldValue::Enum(fields.levels[level])));
        }
        if let Some(hours) = estimate {
            values.push((fields.estimate, FieldValue::Number(hours)));
        }
        let completed = section == done;
        let gid = store.allocate();
        let mut followers = vec![owner];
        followers.extend(assignee.filter(|a| *a != owner));
        store.tasks.insert(
            gid,
            Task {
                gid,
                name: name.to_owned(),
                notes: notes.to_owned(),
                assignee,
                created_by: owner,
                completed,
                completed_at: completed.then_some(modified_at),
                created_at,
                modified_at,
                due_on: due.and_then(|days| today.checked_add(jiff::Span::new().days(days)).ok()),
                due_at: None,
                start_on: None,
                memberships: vec![Membership {
                    project,
                    section: sections[section],
                }],
                parent: None,
                values,
                followers,
            },
        );
        added.push(gid);
    }
    added
}

fn attach(store: &mut Store, task: Gid, name: &str, content_type: &str, text: String) {
    let gid = store.allocate();
    let created_at = store.tasks[&task].modified_at;
    store.attachments.insert(
        gid,
        Attachment {
            gid,
            name: name.to_owned(),
            parent: task,
            content_type: content_type.to_owned(),
            bytes: Bytes::from(text),
            created_at,
            external_url: None,
        },
    );
}

fn demo() -> Store {
    let mut store = Store::new("Kakehashi Demo");
    let fields = add_people_and_fields(&mut store, Seed::Demo);
    let now = now();
    let today = now
        .to_zoned(TimeZone::get("Asia/Tokyo").unwrap_or(TimeZone::UTC))
        .date();
    let start = now - SignedDuration::from_hours(24 * 30);
    let (hanako, kenji) = (user(&store, "sato.hanako"), user(&store, "tanaka.kenji"));
    let marketing = store.add_project(
        ProjectSpec {
            name: "マーケティング施策 (Marketing launch)",
            notes: "新製品ローンチに向けたマーケティング施策。「Jira起票」に移したタスクは Kakehashi が Jira に課題を作成します。\nMarketing for the product launch. Tasks moved to \"Send to Jira\" become Jira issues through Kakehashi.",
            color: "dark-orange",
            icon: "megaphone",
            owner: hanako,
            due_on: today.checked_add(jiff::Span::new().days(45)).ok(),
            sections: MARKETING_SECTIONS,
            fields: &[(fields.jira_key, true), (fields.priority, true), (fields.estimate, false)],
        },
        start - SignedDuration::from_hours(24),
    );
    let helpdesk = store.add_project(
        ProjectSpec {
            name: "社内ヘルプデスク (IT help desk)",
            notes: "社内からの問い合わせ窓口 / Requests from colleagues to IT.",
            color: "light-blue",
            icon: "computer",
            owner: kenji,
            due_on: None,
            sections: HELPDESK_SECTIONS,
            fields: &[(fields.priority, true), (fields.jira_key, false)],
        },
        start - SignedDuration::from_hours(24),
    );
    let launch = add_demo_tasks(
        &mut store, &fields, marketing, 3, hanako, MARKETING, start, today,
    );
    add_demo_tasks(
        &mut store,
        &fields,
        helpdesk,
        2,
        kenji,
        HELPDESK,
        start + SignedDuration::from_hours(7),
        today,
    );
    attach(
        &mut store,
        launch[0],
        "キャンペーン概要 Campaign brief.md",
        "text/markdown; charset=utf-8",
        "# 新製品ローンチ キャンペーン概要 / Campaign brief\n\n\
         - 目的 Goal: 発売後1か月で問い合わせ 300 件 / 300 enquiries in the first month\n\
         - 対象 Audience: 中堅製造業の情報システム部門 / IT departments of mid-sized manufacturers\n\
         - 訴求点 Key messages: 導入が速い・既存の Jira と連携・日本語サポート\n"
            .to_owned(),
    );
    attach(
        &mut store,
        launch[17],
        "budget-2026Q2.csv",
        "text/csv; charset=utf-8",
        "項目 Item,金額 Amount (JPY),担当 Owner\n\
         展示会ブース Trade-show booth,1800000,佐藤 花子\n\
         Web 広告 Web ads,950000,渡辺 芽衣\n\
         デモ動画 Demo video,600000,中村 陸\n\
         翻訳 Translation,240000,Oliver Berg\n"
            .to_owned(),
    );
    store
}

const LARGE_PROJECTS: usize = 4;
const LARGE_SECTIONS: &[&str] = &["To do", "In progress", "Send to Jira", "Done"];

fn large(count: usize) -> Store {
    let mut store = Store::new("Kakehashi Benchmark");
    let fields = add_people_and_fields(&mut store, Seed::Large(count));
    let now = now();
    let today = now.to_zoned(TimeZone::UTC).date();
    let span = SignedDuration::from_hours(24 * 90);
    let start = now - span;
    let owner = store.users[1].gid;
    let names = [
        "Benchmark project 1",
        "Benchmark project 2",
        "Benchmark project 3",
        "Benchmark project 4",
    ];
    let projects: Vec<Gid> = names
        .iter()
        .map(|name| {
            store.add_project(
                ProjectSpec {
                    name,
                    notes: "Generated for benchmarks.",
                    color: "light-green",
                    icon: "list",
                    owner,
                    due_on: None,
                    sections: LARGE_SECTIONS,
                    fields: &[
                        (fields.jira_key, true),
                        (fields.priority, true),
                        (fields.estimate, false),
                    ],
                },
                start,
            )
        })
        .collect();
    let sections: Vec<Vec<Gid>> = projects
        .iter()
        .map(|p| store.projects[p].sections.clone())
        .collect();
    let people: Vec<Gid> = store.users.iter().map(|u| u.gid).collect();
    let step = span / (count.max(1) as i32);
    for index in 0..count {
        let project = index % LARGE_PROJECTS;
        let section = (index / LARGE_PROJECTS) % LARGE_SECTIONS.len();
        let created_at = start + step * (index as i32);
        let modified_at = created_at + step / 2;
        let completed = section == LARGE_SECTIONS.len() - 1;
        let mut values = Vec::new();
        if index % 3 == 0 {
            values.push((
                fields.priority,
                FieldValue::Enum(fields.levels[index % 9 / 3]),
            ));
        }
        if index % 5 == 0 {
            values.push((
                fields.estimate,
                FieldValue::Number((index % 16) as f64 / 2.0 + 0.5),
            ));
        }
        let gid = store.allocate();
        let assignee = people[index % people.len()];
        store.tasks.insert(
            gid,
            Task {
                gid,
                name: format!("Task {:05}", index + 1),
                notes: String::new(),
                assignee: Some(assignee),
                created_by: owner,
                completed,
                completed_at: completed.then_some(modified_at),
                created_at,
                modified_at,
                due_on: (index % 2 == 0)
                    .then(|| {
                        today
                            .checked_add(jiff::Span::new().days((index % 60) as i64 - 20))
                            .ok()
                    })
                    .flatten(),
                due_at: None,
                start_on: None,
                memberships: vec![Membership {
                    project: projects[project],
                    section: sections[project][section],
                }],
                parent: None,
                values,
                followers: vec![assignee],
            },
        );
    }
    store
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::SERVICE_LOGIN;

    #[test]
    fn the_demo_has_the_launch_project_with_sections_fields_and_attachments() {
        let store = demo();
        assert_eq!(store.workspace.name, "Kakehashi Demo");
        assert_eq!(store.users[0].person.login, SERVICE_LOGIN);
        let launch = store
            .projects
            .values()
            .find(|p| p.name.starts_with("マーケティング施策"))
            .unwrap();
        let names: Vec<&str> = launch
            .sections
            .iter()
            .map(|s| store.sections[s].name.as_str())
            .collect();
        assert_eq!(names, MARKETING_SECTIONS);
        assert_eq!(launch.field_settings.len(), 3);
        let tasks = store
            .tasks
            .values()
            .filter(|t| t.in_project(launch.gid))
            .count();
        assert!((15..=25).contains(&tasks), "{tasks}");
        assert_eq!(store.attachments.len(), 2);
        let now = Timestamp::now();
        assert!(store
            .tasks
            .values()
            .all(|t| t.modified_at < now && t.created_at <= t.modified_at));
        assert!(store
            .tasks
            .values()
            .all(|t| t.completed == t.completed_at.is_some()));
    }

    #[test]
    fn users_have_contiguous_gids_so_lookups_work() {
        let store = demo();
        for user in &store.users {
            assert_eq!(store.user(user.gid).unwrap().gid, user.gid);
        }
        assert!(store.user(store.workspace.gid).is_none());
    }

    #[test]
    fn large_seeds_are_cheap_and_spread_over_projects() {
        let started = std::time::Instant::now();
        let store = large(10_000);
        assert!(
            started.elapsed() < std::time::Duration::from_millis(900),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(store.tasks.len(), 10_000);
        assert_eq!(store.projects.len(), LARGE_PROJECTS);
        for project in store.projects.keys() {
            assert_eq!(
                store
                    .tasks
                    .values()
                    .filter(|t| t.in_project(*project))
                    .count(),
                2_500
            );
        }
        let assigned: std::collections::HashSet<_> =
            store.tasks.values().filter_map(|t| t.assignee).collect();
        assert_eq!(assigned.len(), store.users.len());
    }
}
