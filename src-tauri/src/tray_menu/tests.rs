use super::*;

fn status(profiles: u32, paused: bool) -> HomeStatus {
    HomeStatus {
        profile_count: profiles,
        server_count: 0,
        connection_count: 0,
        demo: None,
        sync_paused: paused,
        sync_now_blocked: (profiles == 0).then_some(SyncNowBlocked::NoProfile),
    }
}

fn input(paused: bool, profiles: Vec<TrayProfile>) -> TrayInput {
    TrayInput {
        status: status(profiles.len() as u32, paused),
        profiles,
    }
}

fn profile(id: u32, name: &str) -> TrayProfile {
    TrayProfile {
        id,
        name: name.into(),
        has_run: true,
        running: None,
        last: None,
    }
}

fn progress(profile_id: u32, phase: Phase, applied: u32, total: u32) -> SyncProgress {
    SyncProgress {
        run_id: 9,
        profile_id,
        phase,
        read: 40,
        planned: total,
        applied,
        total,
    }
}

/// Every item, submenus flattened: (action, label, enabled, checked).
fn items(model: &TrayModel) -> Vec<(TrayAction, String, bool, Option<bool>)> {
    fn walk(entries: &[TrayEntry], out: &mut Vec<(TrayAction, String, bool, Option<bool>)>) {
        for entry in entries {
            match entry {
                TrayEntry::Item {
                    action,
                    label,
                    enabled,
                    checked,
                } => out.push((*action, label.clone(), *enabled, *checked)),
                TrayEntry::Submenu { entries, .. } => walk(entries, out),
                TrayEntry::Separator => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&model.entries, &mut out);
    out
}

fn find(model: &TrayModel, wanted: TrayAction) -> (String, bool, Option<bool>) {
    items(model)
        .into_iter()
        .find(|(action, ..)| *action == wanted)
        .map(|(_, label, enabled, checked)| (label, enabled, checked))
        .expect("item present")
}

#[test]
fn sync_now_is_disabled_with_the_reason_until_a_profile_exists() {
    let model = build(&input(false, vec![]), Language::English);
    let (label, enabled, _) = find(&model, TrayAction::SyncNow);
    assert!(!enabled);
    assert_eq!(label, "Sync now (create a sync profile first)");
    assert!(
        !model
            .entries
            .iter()
            .any(|e| matches!(e, TrayEntry::Submenu { .. })),
        "no per-profile submenu without profiles"
    );

    let model = build(&input(false, vec![profile(1, "WEB")]), Language::English);
    let (label, enabled, _) = find(&model, TrayAction::SyncNow);
    assert!(enabled);
    assert_eq!(label, "Sync now");
}

#[test]
fn each_profile_has_its_own_sync_now_with_its_last_result() {
    let mut web = profile(1, "WEB");
    web.last = Some((RunOutcome::Succeeded, "10:32".into()));
    let mut mob = profile(2, "MOB");
    mob.last = Some((RunOutcome::Failed, "09:15".into()));
    let mut new = profile(3, "NEW");
    new.has_run = false;
    let model = build(&input(false, vec![web, mob, new]), Language::English);
    assert_eq!(
        find(&model, TrayAction::SyncProfile(1)),
        ("WEB — last: succeeded 10:32".into(), true, None)
    );
    assert_eq!(
        find(&model, TrayAction::SyncProfile(2)).0,
        "MOB — last: failed 09:15"
    );
    // A first run starts from the preview, never from the tray.
    assert_eq!(
        find(&model, TrayAction::SyncProfile(3)),
        ("NEW — run it first from its preview".into(), false, None)
    );
    let model = build(&input(false, vec![profile(1, "WEB")]), Language::Japanese);
    let submenu = model.entries.iter().find_map(|e| match e {
        TrayEntry::Submenu { label, .. } => Some(label.clone()),
        _ => None,
    });
    assert_eq!(submenu.as_deref(), Some("プロファイルを選んで同期"));
}

#[test]
fn a_running_sync_shows_its_progress_in_the_labels_and_the_tooltip() {
    let mut web = profile(1, "WEB");
    web.running = Some(progress(1, Phase::Applying, 120, 300));
    let model = build(
        &input(false, vec![web.clone(), profile(2, "MOB")]),
        Language::English,
    );
    assert_eq!(
        find(&model, TrayAction::SyncNow).0,
        "Sync now — syncing WEB 120/300"
    );
    let (label, enabled, _) = find(&model, TrayAction::SyncProfile(1));
    assert_eq!(label, "WEB — syncing WEB 120/300");
    assert!(!enabled, "a running profile cannot be started again");
    assert_eq!(model.tooltip, "Kakehashi — syncing WEB 120/300");

    let mut mob = profile(2, "MOB");
    mob.running = Some(progress(2, Phase::Reading, 0, 0));
    let model = build(&input(true, vec![web, mob]), Language::Swedish);
    assert_eq!(model.tooltip, "Kakehashi — synkroniserar 2 profiler");
}

#[test]
fn pause_is_a_check_item_reflecting_state_and_tooltip() {
    let model = build(&input(true, vec![profile(1, "WEB")]), Language::English);
    assert_eq!(find(&model, TrayAction::TogglePause).2, Some(true));
    assert!(model.tooltip.contains("paused"));
    let model = build(&input(false, vec![profile(1, "WEB")]), Language::English);
    assert_eq!(find(&model, TrayAction::TogglePause).2, Some(false));
    assert_eq!(model.tooltip, "Kakehashi");
}

#[test]
fn order_is_open_sync_profiles_pause_quit_in_every_language() {
    for language in [Language::Japanese, Language::English, Language::Swedish] {
        let actions: Vec<_> = items(&build(&input(false, vec![profile(4, "WEB")]), language))
            .into_iter()
            .map(|(action, ..)| action)
            .collect();
        assert_eq!(
            actions,
            [
                TrayAction::Open,
                TrayAction::SyncNow,
                TrayAction::SyncProfile(4),
                TrayAction::TogglePause,
                TrayAction::Quit
            ]
        );
    }
    let (label, _, _) = find(
        &build(&input(false, vec![]), Language::Japanese),
        TrayAction::Quit,
    );
    assert_eq!(label, "終了");
}

#[test]
fn ids_round_trip() {
    for action in [
        TrayAction::Open,
        TrayAction::SyncNow,
        TrayAction::SyncProfile(12),
        TrayAction::TogglePause,
        TrayAction::Quit,
    ] {
        assert_eq!(TrayAction::from_id(&action.id()), Some(action));
    }
    assert_eq!(TrayAction::from_id("nope"), None);
    assert_eq!(TrayAction::from_id("sync-profile:x"), None);
}
