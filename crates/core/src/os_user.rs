//! Who is signed in to this computer: the Test connection compares it with
//! the technical user, and the member audit log records it.

/// `USER` on macOS and Linux, `USERNAME` on Windows; `None` when neither is set.
pub fn name() -> Option<String> {
    ["USER", "USERNAME"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| value.trim().to_owned())
        .find(|value| !value.is_empty())
}
