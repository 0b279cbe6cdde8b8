//! The desktop app: a thin Tauri adapter over `kakehashi-core`. It wires
//! plugins, state, the tray and the typed commands; business logic lives in
//! the crates under `crates/`.

pub mod bindings;
mod commands;
mod demo;
mod downloads;
mod error;
pub mod events;
pub mod i18n;
mod launch;
mod live_runs;
mod preferences;
mod reminder_text;
mod reminders;
mod scheduler_task;
mod state;
mod sync_launch;
mod sync_notify;
mod sync_notify_text;
mod tray;
pub mod tray_menu;
mod window;

use tauri::Manager;

use kakehashi_core::paths::AppPaths;
use kakehashi_core::store::Database;

pub use state::AppState;

/// Start the app; returns when the user quits.
pub fn run() {
    let options = launch::LaunchOptions::from_args(std::env::args().skip(1));
    if let Err(err) = options.validate() {
        launch::fail(&err);
    }
    let paths = match AppPaths::resolve(options.data_dir.as_deref()).and_then(|paths| {
        paths.ensure_exist()?;
        Ok(paths)
    }) {
        Ok(paths) => paths,
        Err(err) => launch::fail(&err),
    };
    let _log = match kakehashi_core::logging::init(
        &paths.log_dir,
        "info,kakehashi_desktop=debug,kakehashi_core=debug",
        true,
    ) {
        Ok(guard) => Some(guard),
        Err(err) => {
            eprintln!("Kakehashi: file logging is off: {err}");
            None
        }
    };
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        data_dir = %paths.data_dir.display(),
        "Kakehashi starting"
    );
    let db = match Database::open(&paths.database_path()) {
        Ok(db) => db,
        Err(err) => launch::fail(&err),
    };
    // A run still marked as going was cut off when the app last stopped;
    // its journal resumes at the profile's next run.
    match kakehashi_core::sync::mark_interrupted(&db) {
        Ok(0) => {}
        Ok(count) => {
            tracing::info!("{count} sync run(s) were interrupted when Kakehashi last stopped")
        }
        Err(err) => tracing::warn!("could not mark interrupted sync runs: {err}"),
    }

    let specta = bindings::builder();
    let result = tauri::Builder::default()
        // Registered first so a second launch is caught before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            tracing::info!("second launch: focusing the running window");
            window::show_main(app);
        }))
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        // Started at login with `--hidden`: straight to the tray.
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec!["--hidden"]),
        ))
        .manage(AppState::new(paths, db))
        .manage(demo::DemoRuntime::default())
        .manage(commands::oauth::PendingSignIn::default())
        .manage(kakehashi_core::scheduler::RunRegistry::default())
        .manage(live_runs::LiveRuns::default())
        .manage(scheduler_task::SchedulerTask::default())
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            specta.mount_events(app);
            // Without a tray (no status-notifier host) the window still works;
            // closing it then quits instead of hiding it where nobody can reach it.
            if let Err(err) = tray::create(app.handle()) {
                tracing::warn!("no tray icon: {err}");
            }
            demo::resume(app.handle());
            // Managed so it lives as long as the app; dropped (and stopped) on exit.
            app.manage(reminders::start(app.handle()));
            scheduler_task::start(app.handle());
            if options.hidden {
                window::hide_main(app.handle());
            }
            Ok(())
        })
        .on_window_event(window::on_event)
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|app, event| {
                if let tauri::RunEvent::Exit = event {
                    // Running syncs stop between writes; the journal resumes them.
                    app.state::<kakehashi_core::scheduler::RunRegistry>()
                        .cancel_all();
                    scheduler_task::shutdown(app);
                }
            })
        });
    if let Err(err) = result {
        tracing::error!("the app stopped with an error: {err}");
        launch::fail(&error::from_tauri(err));
    }
}

/// Reach the shared state from anything that has a handle.
pub(crate) fn state<R: tauri::Runtime>(app: &impl Manager<R>) -> tauri::State<'_, AppState> {
    app.state::<AppState>()
}
