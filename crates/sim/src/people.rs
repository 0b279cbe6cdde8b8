//! The people every simulator knows, so that the same person exists in Jira,
//! TimeTracker NX and Asana (user mapping is part of what gets tested).
//!
//! Each person has a role that decides their permissions in every simulator:
//! the service account and the admin may do everything, members work on
//! issues but cannot manage projects, viewers may only browse.

use crate::{Seed, SimKind};

/// What a simulated user may do, the same idea in every vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Everything, including administration (Jira admin, TT NX Manage Project).
    Admin,
    /// Works on issues, logs time, comments; cannot manage projects or members.
    Member,
    /// Browses only: creating, editing, transitioning and logging work get a 403.
    Viewer,
}

impl Role {
    pub fn can_edit(self) -> bool {
        matches!(self, Role::Admin | Role::Member)
    }

    pub fn can_administer(self) -> bool {
        self == Role::Admin
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// 1-based, stable for a seed; vendors derive their ids from it.
    pub number: u32,
    /// Login name (Jira DC user name, TT NX login name).
    pub login: String,
    pub email: String,
    pub name_en: String,
    /// The name in Japanese order and script; equals `name_en` for generated people.
    pub name_ja: String,
    /// IANA zone of the person's profile (Jira reads zone-less JQL dates in it).
    pub time_zone: &'static str,
    pub organization: &'static str,
    pub role: Role,
}

impl Person {
    /// The person's secret on a simulator: an API token, password, API key or
    /// personal access token. Deterministic, so tests and docs can use them;
    /// they open nothing but a simulator on 127.0.0.1.
    pub fn secret(&self, kind: SimKind) -> String {
        format!("sim-{}-{}", kind.as_str(), self.login)
    }

    /// Jira DC personal access token (sent as `Bearer`), distinct from the password.
    pub fn personal_access_token(&self) -> String {
        format!("sim-pat-{}", self.login)
    }

    /// The name a vendor shows: Japanese for people of the Japanese demo teams.
    pub fn display_name(&self) -> &str {
        &self.name_ja
    }
}

/// Login of the service account every simulator announces (`kakehashi sim`
/// prints it). Its own changes are what the echo guard must ignore.
pub const SERVICE_LOGIN: &str = "kakehashi-sync";

/// The people of a seed. The first is always the service account.
pub fn people(seed: Seed) -> Vec<Person> {
    match seed {
        Seed::Demo => demo_people(),
        Seed::Large(issues) => large_people(issues),
    }
}

/// The service account of a seed: the login `kakehashi sim` announces.
pub fn service_account(seed: Seed) -> Person {
    people(seed).swap_remove(0)
}

fn demo_people() -> Vec<Person> {
    // (login, English name, Japanese name, zone, organisation, role)
    const DEMO: &[(&str, &str, &str, &str, &str, Role)] = &[
        (
            SERVICE_LOGIN,
            "Kakehashi Sync",
            "架け橋 同期",
            "Asia/Tokyo",
            "情報システム部",
            Role::Admin,
        ),
        (
            "sato.hanako",
            "Hanako Sato",
            "佐藤 花子",
            "Asia/Tokyo",
            "開発部",
            Role::Admin,
        ),
        (
            "suzuki.ichiro",
            "Ichiro Suzuki",
            "鈴木 一郎",
            "Asia/Tokyo",
            "開発部",
            Role::Member,
        ),
        (
            "takahashi.yui",
            "Yui Takahashi",
            "高橋 結衣",
            "Asia/Tokyo",
            "開発部",
            Role::Member,
        ),
        (
            "tanaka.kenji",
            "Kenji Tanaka",
            "田中 健二",
            "Asia/Tokyo",
            "品質保証部",
            Role::Member,
        ),
        (
            "watanabe.mei",
            "Mei Watanabe",
            "渡辺 芽衣",
            "Asia/Tokyo",
            "品質保証部",
            Role::Member,
        ),
        (
            "ito.daisuke",
            "Daisuke Ito",
            "伊藤 大輔",
            "Asia/Tokyo",
            "営業部",
            Role::Member,
        ),
        (
            "yamamoto.sakura",
            "Sakura Yamamoto",
            "山本 さくら",
            "Asia/Tokyo",
            "営業部",
            Role::Member,
        ),
        (
            "nakamura.riku",
            "Riku Nakamura",
            "中村 陸",
            "Asia/Tokyo",
            "開発部",
            Role::Member,
        ),
        (
            "emma.lindqvist",
            "Emma Lindqvist",
            "Emma Lindqvist",
            "Europe/Stockholm",
            "Nordic Office",
            Role::Member,
        ),
        (
            "oliver.berg",
            "Oliver Berg",
            "Oliver Berg",
            "Europe/Stockholm",
            "Nordic Office",
            Role::Member,
        ),
        (
            "kobayashi.aoi",
            "Aoi Kobayashi",
            "小林 葵",
            "Asia/Tokyo",
            "経営企画部",
            Role::Viewer,
        ),
    ];
    DEMO.iter()
        .enumerate()
        .map(|(index, &(login, en, ja, zone, org, role))| Person {
            number: index as u32 + 1,
            login: login.to_owned(),
            email: format!("{login}@example.co.jp"),
            name_en: en.to_owned(),
            name_ja: ja.to_owned(),
            time_zone: zone,
            organization: org,
            role,
        })
        .collect()
}

/// One person per 50 issues (at least 10), the last of them a viewer.
fn large_people(issues: usize) -> Vec<Person> {
    let count = (issues / 50).max(10);
    (0..count)
        .map(|index| {
            let number = index as u32 + 1;
            let (login, name) = if index == 0 {
                (SERVICE_LOGIN.to_owned(), "Kakehashi Sync".to_owned())
            } else {
                (format!("user{number:05}"), format!("User {number:05}"))
            };
            let role = match index {
                0 | 1 => Role::Admin,
                i if i == count - 1 => Role::Viewer,
                _ => Role::Member,
            };
            Person {
                number,
                email: format!("{login}@example.com"),
                login,
                name_ja: name.clone(),
                name_en: name,
                time_zone: if index % 3 == 0 {
                    "Europe/Stockholm"
                } else {
                    "Asia/Tokyo"
                },
                organization: "Benchmark",
                role,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_person_is_the_service_account_in_every_seed() {
        for seed in [Seed::Demo, Seed::Large(10), Seed::Large(10_000)] {
            let all = people(seed);
            assert_eq!(all[0].login, SERVICE_LOGIN);
            assert_eq!(all[0].role, Role::Admin);
            assert!(all.iter().any(|p| p.role == Role::Viewer), "{seed}");
            assert!(all.iter().any(|p| p.role == Role::Member), "{seed}");
        }
    }

    #[test]
    fn large_seeds_have_one_person_per_fifty_issues() {
        assert_eq!(people(Seed::Large(10_000)).len(), 200);
        assert_eq!(people(Seed::Large(3)).len(), 10);
    }

    #[test]
    fn secrets_differ_per_kind_and_person() {
        let all = people(Seed::Demo);
        assert_ne!(
            all[0].secret(SimKind::JiraCloud),
            all[1].secret(SimKind::JiraCloud)
        );
    }
}
