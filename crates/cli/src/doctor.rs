//! `kakehashi doctor`: the same report as Settings → About in the app.

use kakehashi_core::diagnostics::DoctorReport;
use kakehashi_core::paths::AppPaths;
use kakehashi_core::store::Database;
use kakehashi_core::AppError;

use crate::output::Rendered;

pub fn run(paths: &AppPaths) -> Result<Rendered, AppError> {
    let db = Database::open(&paths.database_path())?;
    // An unreachable keychain is a finding, not a failure of `doctor`.
    let keychain = kakehashi_secrets::probe().into();
    let report = DoctorReport::gather(paths, &db, keychain)?;
    Rendered::new(&report, report.to_text())
}
