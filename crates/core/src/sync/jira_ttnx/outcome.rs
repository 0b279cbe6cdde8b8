//! A failed request → what the engine records. A refusal (403, 400, 404,
//! 409, 422) becomes that op's problem; a failure after which the server
//! may or may not have acted (timeout, lost connection, 5xx) of a create
//! is the whole batch's unknown outcome (`Err`), so the engine keeps the
//! ops Sent and heals them by marker on the next run instead of creating
//! again.

use kakehashi_http::{ErrorKind, HttpError};

use crate::sync::connector::WriteResult;
use crate::sync::model::{ProblemCause, Side};
use crate::AppError;

/// Whether the server may have done what the failed request asked.
pub fn outcome_unknown(error: &HttpError) -> bool {
    matches!(
        error.kind,
        ErrorKind::Timeout | ErrorKind::ConnectionLost | ErrorKind::Server
    )
}

/// The failed op's result; `permission` names what a 403 means here.
pub fn failed(side: Side, error: &HttpError, permission: &str) -> WriteResult {
    let (cause, retryable) = match &error.kind {
        ErrorKind::Forbidden { permission: named } => (
            ProblemCause::PermissionDenied {
                side,
                permission: named.clone().unwrap_or_else(|| permission.to_owned()),
            },
            false,
        ),
        ErrorKind::NotFound
        | ErrorKind::Conflict
        | ErrorKind::Rejected
        | ErrorKind::InvalidInput { .. } => (
            ProblemCause::Rejected {
                side,
                status: u32::from(error.status.unwrap_or(400)),
            },
            false,
        ),
        _ => (ProblemCause::Unreachable { side }, true),
    };
    WriteResult::Failed {
        cause,
        message: error.message.clone(),
        retryable,
    }
}

/// A create batch whose answer was lost: the engine heals it next run.
pub fn unknown(error: HttpError) -> AppError {
    AppError::from(error).with_hint(
        "(The server may have created the items; the next run finds them by their marker instead of creating them again.)",
    )
}
