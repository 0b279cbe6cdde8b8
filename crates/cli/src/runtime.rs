//! The one async runtime a command that talks to servers needs. The CLI runs
//! one command per process, so a current-thread runtime is enough.

use kakehashi_core::AppError;

pub fn current_thread() -> Result<tokio::runtime::Runtime, AppError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| AppError::internal(format!("Could not start the async runtime: {err}")))
}
