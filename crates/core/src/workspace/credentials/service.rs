//! Service credentials (seed 000): one per server, used by every connection
//! side that names no credential of its own. Registering another for the
//! same server replaces the old one — its connections move over, its row
//! goes, and after the change is committed its keychain entry goes too.

use kakehashi_secrets::SecretStore;

use super::model::ReplacedService;
use super::store;
use crate::store::Database;
use crate::AppResult;

/// The service credential a save pushed out, until its secret is deleted.
pub(super) struct Displaced {
    pub replaced: ReplacedService,
    pub secret_account: String,
}

/// Makes `id` the service credential of `server_id`. Call it inside the
/// caller's `Database::atomic` block: it deletes the previous service
/// credential's row, so it must roll back with the rest if anything fails.
pub(super) fn take_over(db: &Database, server_id: u32, id: u32) -> AppResult<Option<Displaced>> {
    let displaced = match store::service_of(db, server_id)? {
        Some(old) if old.id != id => {
            store::repoint_connections(db, old.id, id)?;
            store::delete(db, old.id)?;
            Some(Displaced {
                replaced: ReplacedService {
                    id: old.id,
                    label: old.label,
                },
                secret_account: old.secret_account,
            })
        }
        _ => None,
    };
    // After the delete: the unique index allows one service credential per server.
    store::set_service(db, id, true)?;
    Ok(displaced)
}

/// Deletes the displaced credential's keychain entry once its row is gone
/// for good. A failure leaves an entry nobody refers to (accounts are never
/// reused); it is logged, and the save itself stands.
pub(super) fn forget(
    secrets: &dyn SecretStore,
    displaced: Option<Displaced>,
) -> Option<ReplacedService> {
    let displaced = displaced?;
    if let Err(err) = secrets.delete(&displaced.secret_account) {
        tracing::warn!(
            credential = displaced.replaced.id,
            "the replaced service credential's keychain entry could not be deleted: {err}"
        );
    }
    Some(displaced.replaced)
}

/// The credential a connection side uses: its own, or else the server's
/// service credential.
pub(super) fn effective(
    db: &Database,
    server_id: u32,
    credential_id: Option<u32>,
) -> AppResult<Option<store::Row>> {
    match credential_id {
        Some(id) => store::row(db, id).map(Some),
        None => store::service_of(db, server_id),
    }
}
