//! Fills a site's store: the demo projects of [`super::demo`], or `N`
//! generated issues over five `LOAD1`..`LOAD5` projects for benchmarks.
//! Times are counted back from `now`, so every seed looks recent; nothing
//! lies in the future.

use jiff::civil::{DateTime, Time};
use jiff::ToSpan;

use super::catalog::{IssueType, Priority, ProjectRole, Status, GROUPS};
use super::demo::{self, DemoProject, DemoVersion};
use super::issue_input::{move_status, record};
use super::state::Shared;
use super::store::{
    take, Actor, ActorKind, Board, Comment, Issue, PersonIx, Project, Sprint, SprintState, Store,
    Version, Worklog,
};
use super::text::{Body, Text};
use super::time::{local_date, local_to_millis, Millis, DAY, HOUR, MINUTE};
use super::Flavor;
use crate::people::SERVICE_LOGIN;
use crate::Seed;

/// Projects of the large seed.
const LOAD_PROJECTS: [(&str, &str); 5] = [
    ("LOAD1", "負荷試験 1 / Load test 1"),
    ("LOAD2", "負荷試験 2 / Load test 2"),
    ("LOAD3", "負荷試験 3 / Load test 3"),
    ("LOAD4", "負荷試験 4 / Load test 4"),
    ("LOAD5", "負荷試験 5 / Load test 5"),
];

const LOAD_VERSIONS: [DemoVersion; 2] = [
    DemoVersion {
        name: "v1.0",
        description: "",
        released: true,
        start_in_days: -40,
        release_in_days: -10,
    },
    DemoVersion {
        name: "v2.0",
        description: "",
        released: false,
        start_in_days: -10,
        release_in_days: 30,
    },
];

pub fn build(shared: &Shared, now: Millis) -> Store {
    match shared.seed {
        Seed::Demo => demo_store(shared, now),
        Seed::Large(count) => large_store(shared, count, now),
    }
}

fn person(shared: &Shared, login: &str) -> PersonIx {
    shared
        .people
        .iter()
        .position(|p| p.login == login)
        .unwrap_or(0) as PersonIx
}

/// A project with every person in the role their [`crate::people::Role`]
/// gives, and the two groups as actors too.
fn add_project(
    store: &mut Store,
    shared: &Shared,
    key: &str,
    name: Text,
    description: Text,
    lead: PersonIx,
) -> usize {
    let mut roles: [Vec<Actor>; 3] = Default::default();
    for (ix, person) in shared.people.iter().enumerate() {
        let role = ProjectRole::for_person(person.role);
        let id = take(&mut store.ids.actor);
        roles[role.index()].push(Actor {
            id,
            kind: ActorKind::User(ix as PersonIx),
        });
    }
    for (group, role) in [
        (GROUPS[0], ProjectRole::Administrators),
        (GROUPS[1], ProjectRole::Users),
    ] {
        let id = take(&mut store.ids.actor);
        roles[role.index()].push(Actor {
            id,
            kind: ActorKind::Group(group),
        });
    }
    let id = take(&mut store.ids.project);
    store.projects.push(Project {
        id,
        key: key.to_owned(),
        name,
        description,
        lead,
        next_number: 1,
        roles,
    });
    store.projects.len() - 1
}

/// A scrum board with a closed, an active and a future sprint; their ids.
fn add_board(
    store: &mut Store,
    project: usize,
    name: &str,
    sprints: [(&str, &str); 3],
    now: Millis,
) -> [u64; 3] {
    let board = take(&mut store.ids.board);
    store.boards.push(Board {
        id: board,
        name: name.to_owned(),
        project,
    });
    let plans = [
        (
            SprintState::Closed,
            now - 24 * DAY,
            now - 10 * DAY,
            Some(now - 10 * DAY + HOUR),
        ),
        (SprintState::Active, now - 10 * DAY, now + 4 * DAY, None),
        (SprintState::Future, now + 4 * DAY, now + 18 * DAY, None),
    ];
    let mut ids = [0; 3];
    for (slot, ((state, start, end, complete), (sprint_name, goal))) in
        plans.into_iter().zip(sprints).enumerate()
    {
        let id = take(&mut store.ids.sprint);
        ids[slot] = id;
        store.sprints.push(Sprint {
            id,
            board,
            name: sprint_name.to_owned(),
            state,
            goal: goal.to_owned(),
            // Future sprints have planned dates only once started in Jira.
            start: (state != SprintState::Future).then_some(start),
            end: (state != SprintState::Future).then_some(end),
            complete,
        });
    }
    ids
}

fn add_version(store: &mut Store, project: usize, plan: &DemoVersion, now: Millis) -> u64 {
    let today = local_date(now, &jiff::tz::TimeZone::UTC);
    let id = take(&mut store.ids.version);
    store.versions.push(Version {
        id,
        project,
        name: plan.name.to_owned(),
        description: plan.description.to_owned(),
        released: plan.released,
        archived: false,
        start_date: today.checked_add(plan.start_in_days.days()).ok(),
        release_date: today.checked_add(plan.release_in_days.days()).ok(),
    });
    id
}

/// Walks an issue through the workflow to `status` between its creation
/// and last update, leaving a changelog like a real one.
fn walk_to(store: &mut Store, issue: &mut Issue, status: Status, actor: PersonIx) {
    let (created, updated) = (issue.created, issue.updated);
    let steps: &[(Status, Millis)] = match status {
        Status::ToDo => &[],
        Status::InProgress => &[(Status::InProgress, created + (updated - created) / 2)],
        Status::Done => &[
            (Status::InProgress, created + (updated - created) / 3),
            (Status::Done, updated),
        ],
    };
    for &(next, at) in steps {
        let items = move_status(issue, next, at);
        record(store, issue, actor, at, items);
    }
    issue.updated = updated;
}

fn demo_store(shared: &Shared, now: Millis) -> Store {
    let mut store = Store::default();
    let projects = match shared.flavor {
        Flavor::Cloud => &demo::CLOUD,
        Flavor::DataCenter => &demo::DATA_CENTER,
    };
    for plan in projects.iter() {
        demo_project(&mut store, shared, plan, now);
    }
    store
}

fn demo_project(store: &mut Store, shared: &Shared, plan: &DemoProject, now: Millis) {
    let lead = person(shared, plan.lead);
    let project = add_project(
        store,
        shared,
        plan.key,
        Text::Static(plan.name),
        Text::Static(plan.description),
        lead,
    );
    let versions: Vec<u64> = plan
        .versions
        .iter()
        .map(|v| add_version(store, project, v, now))
        .collect();
    let sprint_names = plan.sprints.each_ref().map(|s| (s.name, s.goal));
    let sprints = add_board(store, project, plan.board, sprint_names, now);
    let mut ids: Vec<u64> = Vec::with_capacity(plan.issues.len());
    for (index, spec) in plan.issues.iter().enumerate() {
        // Spread the hour of day so issues of the same day do not tie.
        let jitter = (index as i64 * 37 % 9) * HOUR + (index as i64 * 13 % 50) * MINUTE;
        let created = now - spec.created_days_ago * DAY - jitter - 2 * HOUR;
        let updated = (now - spec.updated_days_ago * DAY - jitter / 2 - 30 * MINUTE).max(created);
        let reporter = person(shared, spec.reporter);
        let mut issue = store.blank_issue(
            project,
            spec.issue_type,
            Text::Static(spec.summary),
            reporter,
            created,
            updated,
        );
        issue.priority = spec.priority;
        issue.assignee = (!spec.assignee.is_empty()).then(|| person(shared, spec.assignee));
        if !spec.description.is_empty() {
            issue.description = Some(Body::Plain(Text::Static(spec.description)));
        }
        issue.labels = spec.labels.iter().map(|l| Box::from(*l)).collect();
        issue.fix_versions = spec
            .version
            .and_then(|v| versions.get(v).copied())
            .into_iter()
            .collect();
        issue.sprint = spec.sprint.map(|s| sprints[s]);
        issue.parent = spec.parent.and_then(|p| ids.get(p).copied());
        for comment in spec.comments {
            let at = (now - comment.days_ago * DAY - jitter / 3 - HOUR).clamp(created, now);
            let author = person(shared, comment.author);
            let id = take(&mut store.ids.comment);
            issue.comments.push(Comment {
                id,
                author,
                update_author: author,
                body: Body::Plain(Text::Static(comment.body)),
                created: at,
                updated: at,
            });
        }
        for worklog in spec.worklogs {
            let author = person(shared, worklog.author);
            let seconds = u64::from(worklog.minutes) * 60;
            let started = worklog_start(
                shared,
                author,
                worklog.days_ago,
                worklog.start,
                seconds,
                now,
            );
            let logged = (started + seconds as i64 + 20 * MINUTE).min(now - 5 * MINUTE);
            let comment =
                (!worklog.comment.is_empty()).then_some(Body::Plain(Text::Static(worklog.comment)));
            log_work(store, &mut issue, author, started, seconds, comment, logged);
        }
        let actor = issue.assignee.unwrap_or(reporter);
        walk_to(store, &mut issue, spec.status, actor);
        ids.push(issue.id);
        store.insert_issue(issue);
    }
}

/// Adds a worklog of `author` to `issue` (not in the store yet); `logged`
/// is when it was written down, its created and updated time.
fn log_work(
    store: &mut Store,
    issue: &mut Issue,
    author: PersonIx,
    started: Millis,
    seconds: u64,
    comment: Option<Body>,
    logged: Millis,
) {
    let id = take(&mut store.ids.worklog);
    store.worklogs.insert(
        id,
        Worklog {
            id,
            issue: issue.id,
            author,
            update_author: author,
            comment,
            started,
            seconds,
            created: logged,
            updated: logged,
        },
    );
    issue.worklogs.push(id);
}

/// The start of a seeded worklog: a local time in the author's own zone,
/// `days_ago` days back — moved a day earlier if it would not have ended yet.
fn worklog_start(
    shared: &Shared,
    author: PersonIx,
    days_ago: i64,
    (hour, minute): (i8, i8),
    seconds: u64,
    now: Millis,
) -> Millis {
    let zone = shared.zone(author);
    let today = local_date(now, zone);
    let time = Time::new(hour, minute, 0, 0).unwrap_or(Time::midnight());
    let mut back = days_ago;
    loop {
        let day = today.checked_sub(back.days()).unwrap_or(today);
        let started =
            local_to_millis(DateTime::from_parts(day, time), zone).unwrap_or(now - back * DAY);
        if started + seconds as i64 + 10 * MINUTE <= now || back > days_ago + 2 {
            return started;
        }
        back += 1;
    }
}

/// `count` issues round-robin over five projects, built without any
/// per-issue text: summaries are generated when read.
fn large_store(shared: &Shared, count: usize, now: Millis) -> Store {
    const DESCRIPTION: &str =
        "負荷試験用に生成された課題です。\n\nGenerated for load and benchmark tests.";
    let mut store = Store::default();
    let people = shared.people.len() as u32;
    let service = person(shared, SERVICE_LOGIN);
    let mut sprint_ids = Vec::new();
    let mut version_ids = Vec::new();
    for (index, (key, name)) in LOAD_PROJECTS.iter().enumerate() {
        let lead = 1 + (index as u32 % (people - 1).max(1));
        let project = add_project(
            &mut store,
            shared,
            key,
            Text::Static(name),
            Text::Static("Benchmark project"),
            lead.min(people - 1),
        );
        version_ids.push([
            add_version(&mut store, project, &LOAD_VERSIONS[0], now),
            add_version(&mut store, project, &LOAD_VERSIONS[1], now),
        ]);
        sprint_ids.push(add_board(
            &mut store,
            project,
            &format!("{key} board"),
            [
                ("Sprint 1", "Closed work"),
                ("Sprint 2", "Current work"),
                ("Sprint 3", "Next work"),
            ],
            now,
        ));
    }
    let span = 30 * DAY;
    let types = [
        IssueType::Task,
        IssueType::Story,
        IssueType::Bug,
        IssueType::Task,
    ];
    for i in 0..count {
        let project = i % LOAD_PROJECTS.len();
        let created = now - span + (span - HOUR) * i as i64 / count.max(1) as i64;
        let updated = (created + (i as i64 % 72) * HOUR).min(now - MINUTE);
        let reporter = if i % 3 == 0 {
            service
        } else {
            (i as u32 * 7) % people
        };
        let mut issue = store.blank_issue(
            project,
            types[i % 4],
            Text::LoadSummary(i as u32 + 1),
            reporter,
            created,
            updated,
        );
        issue.priority = Priority::ALL[i % 5];
        issue.assignee = Some(1 + (i as u32 % (people - 1).max(1)));
        if i % 2 == 0 {
            issue.description = Some(Body::Plain(Text::Static(DESCRIPTION)));
        }
        issue.sprint = match i % 4 {
            0 => None,
            slot => Some(sprint_ids[project][slot - 1]),
        };
        issue.fix_versions = match i % 3 {
            0 => Vec::new(),
            slot => vec![version_ids[project][slot - 1]],
        };
        issue.status = [Status::ToDo, Status::InProgress, Status::Done][i % 3];
        if issue.status == Status::Done {
            issue.resolved = Some(updated);
        }
        if i % 10 == 0 {
            let started = (updated - 2 * HOUR).max(created);
            let logged = (started + HOUR).min(now - 2 * MINUTE);
            let author = issue.assignee.unwrap_or(service);
            log_work(&mut store, &mut issue, author, started, 3600, None, logged);
        }
        store.insert_issue(issue);
    }
    store
}
