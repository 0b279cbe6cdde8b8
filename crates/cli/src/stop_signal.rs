//! Ctrl-C everywhere, SIGTERM too on Unix (what `kill` and service managers
//! send). The handlers are installed by [`StopSignal::install`], before a
//! command says it is ready: a signal that arrives between "ready" and the
//! first wait would otherwise meet the default action and kill the process
//! with no clean stop.

#[cfg(unix)]
use tokio::signal::unix::{signal, Signal, SignalKind};

/// Installed stop handlers, waited on with [`StopSignal::wait`].
pub struct StopSignal {
    #[cfg(unix)]
    handlers: Option<(Signal, Signal)>,
}

impl StopSignal {
    /// Installs the handlers now (inside a tokio runtime).
    pub fn install() -> StopSignal {
        #[cfg(unix)]
        {
            let handlers = signal(SignalKind::terminate())
                .and_then(|terminate| Ok((terminate, signal(SignalKind::interrupt())?)))
                .ok();
            StopSignal { handlers }
        }
        #[cfg(not(unix))]
        {
            StopSignal {}
        }
    }

    /// Until one of the signals arrives.
    pub async fn wait(self) {
        #[cfg(unix)]
        {
            match self.handlers {
                Some((mut terminate, mut interrupt)) => {
                    tokio::select! {
                        _ = terminate.recv() => {}
                        _ = interrupt.recv() => {}
                    }
                }
                None => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
