//! The data the simulator starts with and returns to on reset.
//!
//! Demo: the people of `people(Demo)`, their organisations, and four projects
//! with Japanese names — `WEB` Webサイト刷新 (project → folder "WEB 開発" →
//! one folder per Jira version "v1.0 ベータ" and "v1.1" → tasks, plus a
//! project-management folder), `SYS` 基幹システム更改 (requirements and design
//! folders), `INT` 社内業務改善 (members only) and the finished `OLD`
//! 勤怠システム移行. Unit costs are yen per hour (4,500–9,000). Time entries
//! cover the working days of the last two weeks, relative to today in Tokyo.
//!
//! Large(n): n work items (a folder per 50, the rest tasks) spread over
//! 3–8 projects, every person a member of one project (administrators of
//! all), and one time entry per person yesterday. Built in a few
//! milliseconds: no JSON is rendered ahead of time.

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime, Time};
use jiff::{Timestamp, ToSpan};

use super::item_types::{ItemType, StatusType};
use super::sso::sso_only_person;
use super::store::{
    Id, Member, Organization, Project, Settings, Store, TimeEntry, User, WorkItem, FIRST_ENTRY_ID,
    FIRST_ITEM_ID, FIRST_MEMBER_ID,
};
use super::times::{local_now, server_zone};
use crate::people::{people, Role};
use crate::Seed;

pub fn build(seed: Seed) -> Store {
    let today = local_now().date();
    match seed {
        Seed::Demo => demo(today),
        Seed::Large(n) => large(n, today),
    }
}

/// Fills a store step by step; audit fields all come from `created`.
struct Builder {
    store: Store,
    created: Timestamp,
}

impl Builder {
    fn new(seed: Seed, created: Timestamp, unit_cost: impl Fn(usize, Role) -> f64) -> Self {
        let mut organizations: Vec<Organization> = Vec::new();
        let mut users = Vec::new();
        for (index, person) in people(seed).into_iter().enumerate() {
            let organization_id = match organizations
                .iter()
                .find(|org| org.name == person.organization)
            {
                Some(org) => org.id,
                None => {
                    let id = organizations.len() as Id + 1;
                    organizations.push(Organization {
                        id,
                        name: person.organization.to_owned(),
                        created_at: created,
                    });
                    id
                }
            };
            users.push(User {
                id: Id::from(person.number),
                unit_cost: unit_cost(index, person.role),
                person,
                organization_id,
                created_at: created,
                local_authentication: true,
            });
        }
        let store = Store {
            users,
            organizations,
            projects: BTreeMap::new(),
            items: BTreeMap::new(),
            entries: BTreeMap::new(),
            settings: Settings::default(),
            next_item_id: FIRST_ITEM_ID,
            next_member_id: FIRST_MEMBER_ID,
            next_entry_id: FIRST_ENTRY_ID,
        };
        Self { store, created }
    }

    /// Adds the demo's single-sign-on-only user (see `sso.rs`), in the
    /// organisation of its name, member of no project.
    fn sso_only_user(&mut self) {
        let person = sso_only_person();
        let organization_id = self
            .store
            .organizations
            .iter()
            .find(|org| org.name == person.organization)
            .map_or(1, |org| org.id);
        self.store.users.push(User {
            id: Id::from(person.number),
            person,
            unit_cost: 5000.0,
            organization_id,
            created_at: self.created,
            local_authentication: false,
        });
    }

    fn project(
        &mut self,
        code: &str,
        name: &str,
        manager: Id,
        schedule: (Date, Date),
        finished: bool,
    ) -> Id {
        let id = self.item(
            None,
            ItemType::Project,
            name,
            StatusType::InProgress,
            schedule,
            None,
        );
        let organization_id = self
            .store
            .user(manager)
            .map_or(1, |user| user.organization_id);
        self.store.projects.insert(
            id,
            Project {
                id,
                code: code.to_owned(),
                description: String::new(),
                manager_id: manager,
                organization_id,
                is_finished: finished,
                standard_unit_cost: 6000.0,
                categories: BTreeMap::new(),
                allow_editing_with_browse_permission: false,
                record_transition_data: true,
                members: Vec::new(),
            },
        );
        id
    }

    fn member(&mut self, project: Id, user: Id, unit_cost: f64) {
        let id = self.store.take_member_id();
        let created = self.created;
        if let Some(project) = self.store.projects.get_mut(&project) {
            project.members.push(Member {
                id,
                user_id: user,
                unit_cost,
                is_deleted: false,
                created_at: created,
                created_by: 1,
                updated_at: created,
                updated_by: 1,
            });
        }
    }

    fn item(
        &mut self,
        parent: Option<Id>,
        item_type: ItemType,
        name: &str,
        status: StatusType,
        (start, finish): (Date, Date),
        planned_minutes: Option<i64>,
    ) -> Id {
        let id = self.store.take_item_id();
        let project_id = parent
            .and_then(|p| self.store.items.get(&p))
            .map_or(id, |p| p.project_id);
        self.store.insert_item(WorkItem {
            id,
            project_id,
            parent_id: parent,
            item_type,
            name: name.to_owned(),
            status,
            planned_start: Some(start.to_datetime(Time::midnight())),
            planned_finish: Some(start.max(finish).to_datetime(Time::midnight())),
            planned_time: planned_minutes,
            own_actual_minutes: 0,
            metadata: None,
            assignments: Vec::new(),
            children: Vec::new(),
            is_deleted: false,
            created_at: self.created,
            created_by: 1,
            updated_at: self.created,
            updated_by: 1,
        });
        id
    }

    fn assign(&mut self, item: Id, user: Id) {
        if let Some(item) = self.store.items.get_mut(&item) {
            item.assignments.push(user);
        }
    }

    fn entry(
        &mut self,
        user: Id,
        item: Id,
        date: Date,
        (from, to): ((i8, i8), (i8, i8)),
        memo: &str,
    ) {
        let Some(project_id) = self.store.items.get(&item).map(|i| i.project_id) else {
            return;
        };
        let at = |(hour, minute): (i8, i8)| date.to_datetime(Time::constant(hour, minute, 0, 0));
        let start: DateTime = at(from);
        // The entry was written at the end of its work, like a real timesheet.
        let written = at(to)
            .to_zoned(server_zone())
            .map_or(self.created, |z| z.timestamp());
        let id = self.store.take_entry_id();
        self.store.insert_entry(TimeEntry {
            id,
            user_id: user,
            work_item_id: item,
            project_id,
            start,
            finish: at(to),
            memo: memo.to_owned(),
            time_entry_category_id: None,
            process_category_id: None,
            created_at: written,
            created_by: user,
            updated_at: written,
            updated_by: user,
        });
    }
}

/// Working days (Monday–Friday) of the last `days` days before `today`, oldest first.
fn past_workdays(today: Date, days: i64) -> Vec<Date> {
    (1..=days)
        .rev()
        .filter_map(|back| today.checked_sub(back.days()).ok())
        .filter(|day| day.weekday().to_monday_one_offset() <= 5)
        .collect()
}

fn day(today: Date, offset: i64) -> Date {
    today.checked_add(offset.days()).unwrap_or(today)
}

fn midnight_utc(date: Date) -> Timestamp {
    date.to_zoned(server_zone())
        .map_or(Timestamp::UNIX_EPOCH, |z| z.timestamp())
}

/// Demo unit costs by person number − 1 (yen per hour).
const DEMO_COSTS: [f64; 12] = [
    0.0, 9000.0, 7000.0, 6500.0, 6000.0, 5500.0, 5000.0, 4500.0, 6000.0, 8000.0, 7500.0, 8500.0,
];

fn demo(today: Date) -> Store {
    let created = midnight_utc(day(today, -120)) + 1.hour();
    let mut b = Builder::new(Seed::Demo, created, |index, _| {
        DEMO_COSTS.get(index).copied().unwrap_or(5000.0)
    });
    let cost = |user: Id| DEMO_COSTS.get(user as usize - 1).copied().unwrap_or(5000.0);
    b.sso_only_user();
    use ItemType::{Folder, Task};
    use StatusType::{Completed, InProgress, NotStarted};

    // WEB: the layout TimeTracker NX Sync expects for a Jira project.
    let web = b.project(
        "WEB",
        "Webサイト刷新",
        2,
        (day(today, -60), day(today, 60)),
        false,
    );
    for user in [2, 3, 4, 5, 9, 10, 12] {
        b.member(web, user, cost(user));
    }
    let dev = b.item(
        Some(web),
        Folder,
        "WEB 開発",
        InProgress,
        (day(today, -45), day(today, 45)),
        None,
    );
    let beta = b.item(
        Some(dev),
        Folder,
        "v1.0 ベータ",
        InProgress,
        (day(today, -45), day(today, 5)),
        Some(9600),
    );
    let design = b.item(
        Some(beta),
        Task,
        "トップページのデザイン刷新",
        Completed,
        (day(today, -45), day(today, -20)),
        Some(2400),
    );
    let login = b.item(
        Some(beta),
        Task,
        "ログイン画面の実装",
        InProgress,
        (day(today, -25), day(today, 0)),
        Some(2880),
    );
    let contact = b.item(
        Some(beta),
        Task,
        "お問い合わせフォームの改修",
        InProgress,
        (day(today, -15), day(today, 3)),
        Some(1920),
    );
    let a11y = b.item(
        Some(beta),
        Task,
        "Accessibility audit (WCAG 2.1)",
        InProgress,
        (day(today, -10), day(today, 5)),
        Some(1440),
    );
    let v11 = b.item(
        Some(dev),
        Folder,
        "v1.1",
        NotStarted,
        (day(today, 6), day(today, 45)),
        Some(7200),
    );
    b.item(
        Some(v11),
        Task,
        "多言語対応 (英語・スウェーデン語)",
        NotStarted,
        (day(today, 6), day(today, 30)),
        Some(3840),
    );
    b.item(
        Some(v11),
        Task,
        "サイト内検索の高速化",
        NotStarted,
        (day(today, 10), day(today, 40)),
        Some(2400),
    );
    b.item(
        Some(v11),
        Task,
        "Cookie consent banner",
        NotStarted,
        (day(today, 20), day(today, 45)),
        Some(960),
    );
    let pm = b.item(
        Some(web),
        Folder,
        "プロジェクト管理",
        InProgress,
        (day(today, -60), day(today, 60)),
        None,
    );
    let weekly = b.item(
        Some(pm),
        Task,
        "定例会議",
        InProgress,
        (day(today, -60), day(today, 60)),
        Some(1440),
    );
    for (item, user) in [
        (design, 4),
        (login, 3),
        (contact, 10),
        (a11y, 5),
        (weekly, 2),
    ] {
        b.assign(item, user);
    }

    let sys = b.project(
        "SYS",
        "基幹システム更改",
        3,
        (day(today, -30), day(today, 240)),
        false,
    );
    for user in [2, 3, 6, 7, 8, 11] {
        b.member(sys, user, cost(user) + 500.0);
    }
    let requirements = b.item(
        Some(sys),
        Folder,
        "要件定義",
        InProgress,
        (day(today, -30), day(today, 30)),
        None,
    );
    let hearing = b.item(
        Some(requirements),
        Task,
        "現行業務のヒアリング",
        InProgress,
        (day(today, -30), day(today, 5)),
        Some(2400),
    );
    let spec = b.item(
        Some(requirements),
        Task,
        "要件定義書の作成",
        InProgress,
        (day(today, -20), day(today, 30)),
        Some(4800),
    );
    let vendors = b.item(
        Some(requirements),
        Task,
        "Vendor evaluation",
        InProgress,
        (day(today, -14), day(today, 14)),
        Some(1200),
    );
    let basic_design = b.item(
        Some(sys),
        Folder,
        "基本設計",
        NotStarted,
        (day(today, 31), day(today, 120)),
        None,
    );
    b.item(
        Some(basic_design),
        Task,
        "データ移行方式の検討",
        NotStarted,
        (day(today, 31), day(today, 60)),
        Some(2400),
    );
    b.item(
        Some(basic_design),
        Task,
        "画面設計",
        NotStarted,
        (day(today, 45), day(today, 120)),
        Some(4800),
    );
    for (item, user) in [(hearing, 6), (spec, 7), (vendors, 11)] {
        b.assign(item, user);
    }

    // Members only: for the member screens.
    let int = b.project(
        "INT",
        "社内業務改善",
        2,
        (day(today, -90), day(today, 180)),
        false,
    );
    for user in [2, 5, 6, 7, 12] {
        b.member(int, user, cost(user));
    }
    let old = b.project(
        "OLD",
        "勤怠システム移行",
        2,
        (day(today, -400), day(today, -200)),
        true,
    );
    for user in [2, 3] {
        b.member(old, user, cost(user));
    }

    for (index, date) in past_workdays(today, 14).into_iter().enumerate() {
        if date.weekday() == jiff::civil::Weekday::Monday {
            for user in [2, 3, 4] {
                b.entry(user, weekly, date, ((10, 0), (11, 0)), "週次定例");
            }
        }
        b.entry(3, login, date, ((9, 0), (12, 0)), "ログイン API との結合");
        b.entry(
            4,
            design,
            date,
            ((13, 30), (17, 0)),
            "デザインレビューの指摘対応",
        );
        b.entry(
            10,
            contact,
            date,
            ((9, 30), (11, 45)),
            "Form validation and tests",
        );
        if index % 2 == 0 {
            b.entry(
                5,
                a11y,
                date,
                ((13, 0), (15, 0)),
                "スクリーンリーダーでの確認",
            );
        }
        b.entry(6, hearing, date, ((14, 0), (17, 0)), "経理部ヒアリング");
        b.entry(7, spec, date, ((9, 0), (11, 30)), "要件定義書 第2章");
        if index % 3 == 0 {
            b.entry(
                11,
                vendors,
                date,
                ((15, 0), (17, 30)),
                "Vendor demo and scoring",
            );
        }
    }
    b.store
}

fn large(n: usize, today: Date) -> Store {
    let created = midnight_utc(day(today, -30));
    // Yen per hour on a 500 yen step between 4,500 and 9,000.
    let unit_cost = |index: usize| 4500.0 + ((index * 7) % 10) as f64 * 500.0;
    let mut b = Builder::new(Seed::Large(n), created, |index, _| unit_cost(index));
    let project_count = (n / 2500).clamp(3, 8);
    let schedule = (day(today, -30), day(today, 90));
    let projects: Vec<Id> = (1..=project_count)
        .map(|k| {
            b.project(
                &format!("BM{k}"),
                &format!("Benchmark project {k}"),
                2,
                schedule,
                false,
            )
        })
        .collect();
    let user_ids: Vec<(Id, Role)> = b
        .store
        .users
        .iter()
        .map(|u| (u.id, u.person.role))
        .collect();
    for (index, (user, role)) in user_ids.iter().enumerate() {
        if *role == Role::Admin {
            for project in &projects {
                b.member(*project, *user, unit_cost(index));
            }
        } else {
            b.member(projects[index % project_count], *user, unit_cost(index));
        }
    }
    // Round-robin over the projects: a folder, then up to 49 tasks in it.
    let mut folders: Vec<Option<Id>> = vec![None; project_count];
    let mut first_task: Vec<Option<Id>> = vec![None; project_count];
    for i in 0..n {
        let slot = i % project_count;
        let project = projects[slot];
        let nth = i / project_count;
        if nth.is_multiple_of(50) {
            folders[slot] = Some(b.item(
                Some(project),
                ItemType::Folder,
                &format!("Folder {:04}", nth / 50 + 1),
                StatusType::InProgress,
                schedule,
                None,
            ));
        } else {
            let status = if i % 3 == 0 {
                StatusType::Completed
            } else {
                StatusType::InProgress
            };
            let task = b.item(
                folders[slot],
                ItemType::Task,
                &format!("Task {:06}", i + 1),
                status,
                schedule,
                Some(480),
            );
            first_task[slot].get_or_insert(task);
        }
    }
    let yesterday = day(today, -1);
    for (index, (user, role)) in user_ids.iter().enumerate() {
        if *role == Role::Viewer {
            continue;
        }
        if let Some(task) = first_task[index % project_count] {
            b.entry(*user, task, yesterday, ((9, 0), (10, 0)), "benchmark");
        }
    }
    b.store
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_members_have_member_ids_distinct_from_user_ids() {
        let store = build(Seed::Demo);
        let web = store.projects.values().find(|p| p.code == "WEB").unwrap();
        assert!(web.members.len() >= 5);
        assert!(web.members.iter().all(|m| m.id != m.user_id));
    }

    #[test]
    fn demo_entries_lie_in_the_last_two_weeks_on_the_grid() {
        let store = build(Seed::Demo);
        let today = local_now().date();
        assert!(store.entries.len() > 20);
        for entry in store.entries.values() {
            assert!(entry.work_date() < today && entry.work_date() >= day(today, -14));
            assert_eq!(entry.start.minute() % 15, 0);
            let project = &store.projects[&entry.project_id];
            assert!(
                project.active_member(entry.user_id).is_some(),
                "entry {} by a non-member",
                entry.id
            );
        }
    }

    #[test]
    fn large_has_n_items_and_everyone_is_a_member_somewhere() {
        let store = build(Seed::Large(10_000));
        let non_roots = store
            .items
            .values()
            .filter(|i| i.item_type != ItemType::Project)
            .count();
        assert_eq!(non_roots, 10_000);
        for user in &store.users {
            assert!(
                store
                    .projects
                    .values()
                    .any(|p| p.active_member(user.id).is_some()),
                "{}",
                user.person.login
            );
        }
    }
}
