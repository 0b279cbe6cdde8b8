//! Turning Tauri's and plugins' errors into the one `AppError`. Commands use
//! `AppError` from core directly; this file only adapts foreign errors.

use kakehashi_core::AppError;

pub fn from_tauri(err: tauri::Error) -> AppError {
    AppError::internal(format!("The window system failed: {err}"))
}

pub fn from_store(err: tauri_plugin_store::Error) -> AppError {
    AppError::internal(format!("The preferences file could not be used: {err}"))
}

pub fn from_opener(err: tauri_plugin_opener::Error) -> AppError {
    AppError::internal(format!("The folder could not be opened: {err}"))
}

pub fn from_clipboard(err: tauri_plugin_clipboard_manager::Error) -> AppError {
    AppError::internal(format!("The clipboard could not be written: {err}"))
}
