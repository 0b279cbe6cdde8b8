//! The main window: showing it from the tray or a second launch, and
//! hiding it to the tray on close when the user wants that.

use tauri::{AppHandle, Manager, Runtime, Window, WindowEvent};

pub const MAIN: &str = "main";

pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

pub fn hide_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.hide();
    }
}

pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        if window.label() != MAIN {
            return;
        }
        let close_to_tray = crate::preferences::read(window.app_handle())
            .map(|prefs| prefs.close_to_tray)
            .unwrap_or(true);
        if close_to_tray && crate::tray::exists(window.app_handle()) {
            api.prevent_close();
            let _ = window.hide();
            tracing::debug!("main window hidden to the tray");
        }
    }
}
