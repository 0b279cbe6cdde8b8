//! Opening the system browser for an OAuth 2.0 sign-in. The address is
//! always printed as well: on a server without a desktop (or with
//! `KAKEHASHI_NO_BROWSER=1`, which tests use) the user opens it in a browser
//! of their own, and a browser that fails to start is no reason to give up
//! the sign-in.

/// Set to `1` to only print the sign-in address.
pub const NO_BROWSER_ENV: &str = "KAKEHASHI_NO_BROWSER";

fn wanted() -> bool {
    !matches!(
        std::env::var(NO_BROWSER_ENV).as_deref().map(str::trim),
        Ok("1" | "true" | "yes")
    )
}

/// Prints `url` on stderr and opens it in the system browser unless told
/// not to. The sign-in address carries no secret (only the public PKCE
/// challenge and the one-time `state`), so printing it is safe.
/// `port` is the loopback port the browser is sent back to.
pub fn show(url: &str, port: u16) {
    eprintln!("Sign in at this address:\n\n  {url}\n");
    if !wanted() {
        eprintln!("Open it in a browser on this computer: the browser is sent back to 127.0.0.1:{port} here. From another computer, forward that port first (ssh -L {port}:127.0.0.1:{port} this-host).");
        return;
    }
    // Detached: the launcher may live on as the browser itself.
    match open::that_detached(url) {
        Ok(()) => eprintln!("Opened it in the system browser."),
        Err(err) => {
            tracing::warn!("could not open the browser: {err}");
            eprintln!("The system browser could not be opened ({err}); open the address yourself.");
        }
    }
}
